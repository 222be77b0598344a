/**
 * What browser mode checks on every HTTP request and upgrade before it reads one: the request
 * target parses as a path, and the Host header names this server on loopback (a page on another
 * site that resolves its own name to 127.0.0.1, DNS rebinding, gets nothing). Both return a
 * verdict instead of throwing, so no request can take the process down.
 */

/** The decoded path of a request target, or null for one that is not a plain absolute path. */
export function pathOf(target: string | undefined): string | null {
  // "//host/..." would be read as a scheme-relative URL naming another host ("//[" throws).
  if (target === undefined || !target.startsWith('/') || target.startsWith('//')) return null;
  try {
    return decodeURIComponent(new URL(target, 'http://127.0.0.1').pathname);
  } catch {
    return null;
  }
}

/** The Host headers this server answers: its own loopback address or localhost, with its port. */
export function servedHosts(host: string, port: number): ReadonlySet<string> {
  return new Set([`${host}:${port}`, `localhost:${port}`]);
}
