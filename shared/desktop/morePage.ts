/**
 * The "+N more" window's page: a line of text, no script. It is a data: URL so it needs neither
 * the renderer nor the preload; clicking it focuses the window, and main answers that by bringing
 * the main window (which lists every ringing call) to the front.
 */

export function moreTitle(hidden: number): string {
  return hidden === 1 ? '1 more call ringing' : `${hidden} more calls ringing`;
}

export function morePageUrl(hidden: number): string {
  if (!Number.isInteger(hidden) || hidden < 1) throw new Error(`the "+N more" window needs a positive count, not ${hidden}`);
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${moreTitle(hidden)}</title>
<style>
  html, body { height: 100%; margin: 0; }
  body {
    display: flex; align-items: center; justify-content: center; gap: 0.4em; cursor: pointer;
    font: 600 14px system-ui, sans-serif; color: #1d2433; background: #f4f6fa;
    border: 1px solid #c9d1de; border-radius: 8px; box-sizing: border-box; user-select: none;
  }
  span { font-weight: 400; color: #4a5568; }
  @media (prefers-color-scheme: dark) {
    body { color: #eef1f6; background: #222836; border-color: #3a4356; }
    span { color: #b8c0cf; }
  }
</style>
</head>
<body>+${hidden} more ringing <span>— show all</span></body>
</html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}
