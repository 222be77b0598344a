import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZEGO_EXPRESS_CONNECT_SOURCES } from '../../shared/ipc/constants.js';
import { APP_PAGE_URL, appPageUrl, createAppHandler } from './appProtocol.js';
import { isAppPage } from './trust.js';

let base: string;
let handle: (request: Request) => Promise<Response>;
const get = (url: string, method = 'GET'): Promise<Response> => handle(new Request(url, { method }));

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'switchboard-app-'));
  const root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Switchboard</title>');
  await writeFile(join(root, 'assets', 'index-1.js'), 'console.log(1)');
  await writeFile(join(root, 'assets', 'data.bin'), 'x');
  await writeFile(join(base, 'secret.txt'), 'not for pages');
  handle = createAppHandler(root);
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('createAppHandler', () => {
  it('serves the page and its assets with their types and our security headers', async () => {
    const page = await get(`${APP_PAGE_URL}?view=incoming&callID=c1`);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<!doctype html><title>Switchboard</title>');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = page.headers.get('content-security-policy') ?? '';
    for (const directive of ["default-src 'self'", "connect-src 'none'", "frame-src 'none'", "object-src 'none'", "frame-ancestors 'none'"]) {
      expect(csp).toContain(directive);
    }
    const script = await get('app://switchboard/assets/index-1.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://switchboard/assets/data.bin')).headers.get('content-type')).toBe('application/octet-stream');
  });

  it('lets the page reach ZEGO Express\'s servers on the ZIM backend only, and nothing else', async () => {
    const zim = createAppHandler(join(base, 'renderer'), { zegoExpress: true });
    const csp = (await zim(new Request(APP_PAGE_URL))).headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`connect-src ${ZEGO_EXPRESS_CONNECT_SOURCES};`);
    for (const directive of ["default-src 'self'", "frame-src 'none'", "object-src 'none'", "frame-ancestors 'none'"]) expect(csp).toContain(directive);
    const hub = (await get(APP_PAGE_URL)).headers.get('content-security-policy') ?? '';
    expect(hub).not.toContain('zegocloud');
  });

  it('serves index.html for the bare origin, and HEAD without a body', async () => {
    expect(await (await get('app://switchboard/')).text()).toContain('<title>Switchboard</title>');
    const head = await get(APP_PAGE_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('never serves a file outside the renderer directory, however the path is spelled', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2Fsecret.txt', '/assets/..%2F..%2Fsecret.txt', '/assets%2F..%2F..%2Fsecret.txt']) {
      const response = await get(`app://switchboard${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain('not for pages');
    }
  });

  it('answers 404 for a missing file, a directory, or another host', async () => {
    expect((await get('app://switchboard/missing.js')).status).toBe(404);
    expect((await get('app://switchboard/assets')).status).toBe(404);
    expect((await get('app://elsewhere/index.html')).status).toBe(404);
  });

  it('refuses other methods and malformed escapes', async () => {
    expect((await get(APP_PAGE_URL, 'POST')).status).toBe(405);
    expect((await get('app://switchboard/%E0%A4%A.js')).status).toBe(400);
  });
});

describe('appPageUrl', () => {
  it('picks a view with a query that main trusts as our page', () => {
    expect(appPageUrl()).toBe('app://switchboard/index.html');
    const incoming = appPageUrl({ view: 'incoming', callID: 'c 7' });
    expect(incoming).toBe('app://switchboard/index.html?view=incoming&callID=c+7');
    expect(isAppPage(incoming, APP_PAGE_URL)).toBe(true);
    expect(isAppPage('app://switchboard/other.html', APP_PAGE_URL)).toBe(false);
    expect(isAppPage('app://evil/index.html', APP_PAGE_URL)).toBe(false);
  });
});
