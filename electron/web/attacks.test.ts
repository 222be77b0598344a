/**
 * Browser mode against hostile input, in a real `npm run web` process (whose in-process hub would
 * die with it): each input that once ended the process is sent, and the page must still be served
 * and still accept its key afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnReady, type Spawned } from '../../e2e/support/processes.js';
import { WEB_CLOSE_NO_HELLO } from '../../shared/ipc/constants.js';
import { helloProof } from './pageKey.js';

let web: Spawned | undefined;
let dataDir: string;
let page: URL;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'web-attacks-'));
  web = await spawnReady(
    'electron/web/cli.ts',
    ['--user', 'alice'],
    { ...process.env, SWITCHBOARD_DATA_DIR: dataDir, SWITCHBOARD_HUB_SECRET: 'web-attack-secret-0123456789' },
    /^http:\/\/127\.0\.0\.1:\d+\/#key=\S+$/,
  );
  page = new URL(web.url);
}, 40_000);

afterAll(async () => {
  await web?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function rawExchange(bytes: string | Buffer, waitMs = 2_000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connectTcp(Number(page.port), '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('error', () => {});
    socket.on('close', () => resolve(answer));
    socket.write(bytes);
    setTimeout(() => socket.destroy(), waitMs);
  });
}

function get(path: string, host = page.host): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port: page.port, path, headers: { host } }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers }));
    })
      .on('error', reject)
      .end();
  });
}

function ipcSocket(): Promise<WebSocket> {
  const socket = new WebSocket(`ws://${page.host}/ipc`, { origin: page.origin });
  socket.on('error', () => {});
  return new Promise((resolve, reject) => socket.once('open', () => resolve(socket)).once('error', reject));
}

function closeCode(socket: WebSocket): Promise<number> {
  return new Promise((resolve) => socket.once('close', (code) => resolve(code)));
}

/** The process is alive, serves its page and accepts its key. */
async function stillServing(): Promise<void> {
  expect(web!.process.exitCode, web!.log()).toBeNull();
  expect((await get('/')).status).not.toBe(0);
  const frames: string[] = [];
  const socket = new WebSocket(`ws://${page.host}/ipc`, { origin: page.origin });
  socket.on('error', () => {});
  socket.on('message', (data) => frames.push(String(data)));
  await expect.poll(() => frames.length).toBeGreaterThan(0);
  const { challenge } = JSON.parse(frames[0]!) as { challenge: string };
  socket.send(JSON.stringify({ hello: helloProof(page.hash.replace('#key=', ''), challenge) }));
  await expect.poll(() => frames.length).toBeGreaterThan(1);
  expect(JSON.parse(frames[1]!)).toMatchObject({ state: { user: 'alice' } });
  socket.close();
}

describe('browser mode under hostile input (a real `npm run web` process)', () => {
  it('survives a frame over the size bound before the hello', async () => {
    const socket = await ipcSocket();
    const closed = closeCode(socket);
    socket.send('x'.repeat(128 * 1024));
    expect(await closed).toBe(1009);
    await stillServing();
  }, 20_000);

  it('survives invalid UTF-8 before the hello', async () => {
    const socket = await ipcSocket();
    const closed = closeCode(socket);
    // A masked text frame by hand: ws refuses to send invalid UTF-8 itself.
    const payload = Buffer.from([0xff, 0xfe, 0xc3, 0x28]);
    const mask = Buffer.from([1, 2, 3, 4]);
    const masked = Buffer.from(payload.map((byte, index) => byte ^ mask[index % 4]!));
    (socket as unknown as { _socket: import('node:net').Socket })._socket.write(
      Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]),
    );
    expect(await closed).toBe(1007);
    await stillServing();
  }, 20_000);

  it('survives an upgrade request for //[ and other unparsable targets', async () => {
    for (const target of ['//[', '//evil.example/ipc', '/%E0%A4%A']) {
      const answer = await rawExchange(
        `GET ${target} HTTP/1.1\r\nHost: ${page.host}\r\nOrigin: ${page.origin}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      );
      expect(answer).toMatch(/^HTTP\/1\.1 403/);
    }
    expect((await get('/%E0%A4%A')).status).toBe(400);
    await stillServing();
  }, 20_000);

  it('serves only Host 127.0.0.1:<port> or localhost:<port>, pages and sockets alike', async () => {
    expect((await get('/', `evil.example:${page.port}`)).status).toBe(421);
    expect((await get('/', `127.0.0.1:${Number(page.port) + 1}`)).status).toBe(421);
    expect((await get('/', `localhost:${page.port}`)).status).not.toBe(421);
    const rebound = new WebSocket(`ws://${page.host}/ipc`, { origin: page.origin, headers: { host: `evil.example:${page.port}` } });
    const error = await new Promise<Error>((resolve) => rebound.once('error', resolve));
    expect(error.message).toContain('403');
    await stillServing();
  }, 20_000);

  it("sends a CSP with object-src 'none' and base-uri 'none'", async () => {
    const csp = String((await get('/')).headers['content-security-policy']);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
  });

  it('drops a socket that never finishes its headers within a few seconds, and one that never says hello', async () => {
    const started = Date.now();
    const answer = await rawExchange(`GET / HTTP/1.1\r\nHost: ${page.host}\r\n`, 30_000);
    const heldMs = Date.now() - started;
    expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
    expect(heldMs).toBeLessThan(15_000);

    const silent = await ipcSocket();
    const silentStarted = Date.now();
    // Closed as a hello that never came, which a page takes for a drop to reconnect after.
    expect(await closeCode(silent)).toBe(WEB_CLOSE_NO_HELLO);
    expect(Date.now() - silentStarted).toBeLessThan(15_000);
    await stillServing();
  }, 40_000);
});

describe('browser mode signed in to a hostile hub (a real `npm run web` process)', () => {
  it('survives events named after what every object inherits, and goes on reading the hub', async () => {
    const hostile = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => hostile.once('listening', resolve));
    const ended = { callID: '1', mode: 1, caller: 'bob', operatedUserID: 'bob', extendedData: '', endTime: 5 };
    const queried = new Promise<void>((resolve) => {
      hostile.on('connection', (ws) => {
        ws.on('message', (data) => {
          for (const line of String(data).split('\n')) {
            const { id, method } = JSON.parse(line) as { id: number; method: string };
            if (method === 'login') {
              ws.send(JSON.stringify({ id, result: { userID: 'carol', serverTime: Date.now() } }));
              ws.send(['constructor', '__proto__', 'toString'].map((event) => JSON.stringify({ event, data: {} })).join('\n'));
              ws.send(JSON.stringify({ event: 'callInvitationEnded', data: ended }));
            } else {
              // Whatever the softphone asks after signing in shows it is still reading.
              resolve();
              ws.send(JSON.stringify({ id, error: { code: 6000001, message: `${method}: not served here` } }));
            }
          }
        });
      });
    });
    const phoneDir = mkdtempSync(join(tmpdir(), 'web-hostile-hub-'));
    const phone = await spawnReady(
      'electron/web/cli.ts',
      ['--user', 'carol', '--hub', `ws://127.0.0.1:${(hostile.address() as AddressInfo).port}`],
      { ...process.env, SWITCHBOARD_DATA_DIR: phoneDir, SWITCHBOARD_HUB_SECRET: 'web-attack-secret-0123456789' },
      /^http:\/\/127\.0\.0\.1:\d+\/#key=\S+$/,
    );
    try {
      await queried;
      // Time for a crash to show.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(phone.process.exitCode, phone.log()).toBeNull();
      expect(phone.log()).not.toContain('TypeError');
    } finally {
      await phone.stop();
      await new Promise((resolve) => hostile.close(resolve));
      rmSync(phoneDir, { recursive: true, force: true });
    }
  }, 40_000);
});
