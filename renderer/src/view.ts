/**
 * Which view this page shows. Electron's always-on-top incoming window loads the same page with
 * `?view=incoming&callID=<id>`; everything else is the full app.
 */
export type PageView = { kind: 'app' } | { kind: 'incoming'; callID: string };

export function readView(search: string): PageView {
  const params = new URLSearchParams(search);
  const callID = params.get('callID');
  if (params.get('view') === 'incoming' && callID) return { kind: 'incoming', callID };
  return { kind: 'app' };
}
