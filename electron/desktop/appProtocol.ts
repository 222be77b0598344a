/**
 * Our pages are served from app://switchboard/ rather than file://: a file:// page may read any
 * file its path can reach and shares one origin with every other file, while this scheme serves
 * dist/renderer and nothing else, with response headers of our own (a file:// response has none,
 * and Chromium runs no webRequest header hooks for it). Plain Node (fetch's Request and
 * Response), so it is tested on real files without Electron; security.ts registers it.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { RENDERER_CONTENT_TYPES } from '../core/contentTypes.js';

export const APP_SCHEME = 'app';
const APP_HOST = 'switchboard';
/** The page every window of ours loads, as its frames report it. */
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Our page in the view `query` picks (e.g. view=incoming&callID=…). */
export function appPageUrl(query: Record<string, string> = {}): string {
  const search = new URLSearchParams(query).toString();
  return search ? `${APP_PAGE_URL}?${search}` : APP_PAGE_URL;
}

/**
 * Headers of every response. The page's meta tag sets the same policy for browser mode; the
 * header adds what a meta tag cannot (frame-ancestors), no frames at all (the only navigation
 * will-navigate does not see), and what only holds in Electron: the page talks to main over IPC,
 * so it connects nowhere — except, on the ZIM backend, to ZEGO Express's servers
 * (ZEGO_EXPRESS_CONNECT_SOURCES), which carry the audio from the page. Each policy is assigned
 * as one literal because that is the form electronegativity reads, so `npm run lint:electron`
 * evaluates them.
 */
export function responseHeaders(contentType: string, policy: AppPolicy = { zegoExpress: false }): Record<string, string> {
  const headers: Record<string, string> = { 'Content-Type': contentType, 'X-Content-Type-Options': 'nosniff' };
  if (policy.zegoExpress) {
    headers['Content-Security-Policy'] =
      "default-src 'self'; connect-src wss://*.coolzcloud.com https://*.coolzcloud.com wss://*.zegocloud.com https://*.zegocloud.com; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  } else {
    headers['Content-Security-Policy'] =
      "default-src 'self'; connect-src 'none'; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  }
  return headers;
}

/** What the page may reach: nothing (the hub backend), or ZEGO Express (the ZIM backend). */
export interface AppPolicy {
  zegoExpress: boolean;
}

/** Answers app://switchboard/<path> with the file at <path> under `rootDir`, and nothing outside it. */
export function createAppHandler(rootDir: string, policy: AppPolicy = { zegoExpress: false }): (request: Request) => Promise<Response> {
  const root = resolve(rootDir);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'only GET and HEAD');
    const url = new URL(request.url);
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return plain(404, 'not found');
    let relative: string;
    try {
      relative = decodeURIComponent(url.pathname);
    } catch {
      return plain(400, 'malformed path');
    }
    if (relative === '/') relative = '/index.html';
    // The URL parser has removed "..", but an encoded slash ("..%2F") only becomes one here.
    const path = resolve(root, `.${relative}`);
    if (!path.startsWith(root + sep)) return plain(404, 'not found');
    let body: Buffer;
    try {
      body = await readFile(path);
    } catch {
      return plain(404, 'not found');
    }
    const headers = responseHeaders(RENDERER_CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream', policy);
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: responseHeaders('text/plain; charset=utf-8') });
}
