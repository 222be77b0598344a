/**
 * What main trusts: only our own page (app://switchboard/index.html, in any of its views) may
 * use the softphone's IPC, and it may have the microphone and nothing else.
 */

/** Whether `url` is `appPage` itself; the query and hash only pick a view, so they may differ. */
export function isAppPage(url: string, appPage: string): boolean {
  let actual: URL;
  try {
    actual = new URL(url);
  } catch {
    return false;
  }
  const expected = new URL(appPage);
  return actual.protocol === expected.protocol && actual.host === expected.host && actual.pathname === expected.pathname;
}

export interface PermissionAsk {
  /** The page that asks; absent when no document asks (a service worker, say). */
  requestingUrl?: string;
  /** For 'media': what it wants, 'audio' (microphone) or 'video' (camera). */
  mediaTypes: readonly string[];
}

/** A softphone needs the microphone; camera, screen, notifications and the rest are refused. */
export function allowPermission(permission: string, ask: PermissionAsk, appPage: string): boolean {
  return (
    permission === 'media' &&
    ask.requestingUrl !== undefined &&
    isAppPage(ask.requestingUrl, appPage) &&
    ask.mediaTypes.length > 0 &&
    ask.mediaTypes.every((type) => type === 'audio')
  );
}
