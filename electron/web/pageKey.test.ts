/**
 * The page's key against a process that takes browser mode's port while Switchboard is down
 * (another user of the machine, say): an open page reconnects by itself to whatever listens there,
 * and must not hand it the key, which, kept across restarts (--keep-key), would let that process
 * drive the softphone and carry its calls' audio once Switchboard is back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWebBridge, type SocketClass } from '../../renderer/src/bridge/webBridge.js';
import type { LinkStatus } from '../../renderer/src/bridge/types.js';
import { createSoftphone } from '../core/softphone.js';
import { startWebServer } from './server.js';

const KEY = 'kept-page-key-0123456789abcdef';
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('the page key', () => {
  it('never crosses the socket: a process squatting the port hears nothing it could sign in with', async () => {
    const squatter = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    cleanup.push(() => new Promise((resolve) => squatter.close(resolve)));
    await new Promise((resolve) => squatter.once('listening', resolve));
    const heard: string[] = [];
    squatter.on('connection', (ws) => {
      // It plays the part as far as it can: a challenge of its own, as the real core sends.
      ws.send(JSON.stringify({ challenge: 'squatters-own-challenge' }));
      ws.on('message', (data) => heard.push(String(data)));
    });
    const bridge = createWebBridge({
      url: `ws://127.0.0.1:${(squatter.address() as AddressInfo).port}/ipc`,
      secret: KEY,
      Socket: WebSocket as unknown as SocketClass,
    });
    cleanup.push(() => bridge.dispose());
    await expect.poll(() => heard.length, { timeout: 5_000 }).toBeGreaterThan(0);
    expect(heard.join('\n')).not.toContain(KEY);
    // What it heard answers its own challenge only; the real core asks another each time.
    expect(JSON.parse(heard[0]!)).toEqual({ hello: expect.any(String) });
  });

  it('opens the real core with the proof of the key, and is refused with another key', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-page-key-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    mkdirSync(join(dataDir, 'renderer'));
    writeFileSync(join(dataDir, 'renderer', 'index.html'), '<!doctype html><title>Switchboard</title>');
    const softphone = await createSoftphone({ dataDir, env: { SWITCHBOARD_HUB_SECRET: 'page-key-test-secret-0123' }, userID: 'alice' });
    cleanup.push(() => softphone.dispose());
    const web = await startWebServer({ softphone, rendererDir: join(dataDir, 'renderer'), key: KEY });
    cleanup.push(() => web.close());
    // ws sends no Origin of its own; browser mode serves only its own page's.
    const origin = { headers: { origin: `http://127.0.0.1:${web.port}` } };
    class PageSocket extends WebSocket {
      constructor(url: string) {
        super(url, origin);
      }
    }
    const Socket = PageSocket as unknown as SocketClass;
    const good = createWebBridge({ url: `ws://127.0.0.1:${web.port}/ipc`, secret: KEY, Socket });
    cleanup.push(() => good.dispose());
    expect((await good.getState()).user).toBe('alice');
    const wrong = createWebBridge({ url: `ws://127.0.0.1:${web.port}/ipc`, secret: 'another-key-0123456789abcdef', Socket });
    cleanup.push(() => wrong.dispose());
    const links: LinkStatus[] = [];
    wrong.onLink((status) => links.push(status));
    await expect.poll(() => links.at(-1)?.kind, { timeout: 5_000 }).toBe('refused');
  });
});
