import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { WEB_CLOSE_UNAUTHORIZED } from '../../shared/ipc/constants.js';
import { ZEGO_EXPRESS_CONNECT_SOURCES } from '../../shared/ipc/constants.js';
import { createSoftphone, type Softphone } from '../core/softphone.js';
import { helloProof } from './pageKey.js';
import { startWebServer, stateFrameWriter, type RunningWebServer } from './server.js';

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function serve(backend: 'hub' | 'zim' = 'hub'): Promise<{ web: RunningWebServer; softphone: Softphone; key: string; origin: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-web-'));
  const rendererDir = join(dataDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Switchboard</title>');
  writeFileSync(join(dataDir, 'outside.txt'), 'private');
  const softphone =
    backend === 'hub'
      ? await createSoftphone({ dataDir, env: { SWITCHBOARD_HUB_SECRET: 'web-test-secret-0123456' }, userID: 'alice' })
      : // Not signed in: ZEGO's cloud cannot be reached from the tests.
        await createSoftphone({ dataDir, env: {}, zim: { appID: 1234567, tokenUrl: 'http://127.0.0.1:9/token' } });
  cleanup.push(() => softphone.dispose());
  const web = await startWebServer({ softphone, rendererDir });
  cleanup.push(() => web.close());
  const url = new URL(web.url);
  return { web, softphone, key: url.hash.replace('#key=', ''), origin: url.origin };
}

function get(port: number, path: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, headers: response.headers }));
    })
      .on('error', reject)
      .end();
  });
}

const challenges = new WeakMap<WebSocket, Promise<string>>();

function connect(port: number, origin: string): WebSocket {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/ipc`, { origin });
  cleanup.push(async () => socket.close());
  // The core's first frame, whenever it comes.
  challenges.set(socket, new Promise((resolve) => socket.once('message', (data) => resolve((JSON.parse(data.toString()) as { challenge: string }).challenge))));
  return socket;
}

/** Answers the core's challenge as a page holding `key` does. */
async function sayHello(socket: WebSocket, key: string): Promise<void> {
  socket.send(JSON.stringify({ hello: helloProof(key, await challenges.get(socket)!) }));
}

function nextFrame(socket: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => socket.once('message', (data) => resolve(JSON.parse(data.toString()) as Record<string, unknown>)));
}

describe('browser-mode server', () => {
  it('says which port is taken when it cannot listen', async () => {
    const { web, softphone } = await serve();
    await expect(startWebServer({ softphone, rendererDir: tmpdir(), port: web.port })).rejects.toThrow(
      `127.0.0.1:${web.port} is already in use: choose another port`,
    );
  });

  it('serves the renderer with a CSP and nothing outside it', async () => {
    const { web } = await serve();
    const index = await get(web.port, '/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>Switchboard</title>');
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    expect((await get(web.port, '/../outside.txt')).status).toBe(404);
    expect((await get(web.port, '/%2e%2e/outside.txt')).status).toBe(404);
  });

  it('lets the page reach ZEGO Express\'s servers on the ZIM backend only', async () => {
    const { web: hub } = await serve();
    expect((await get(hub.port, '/')).headers['content-security-policy']).toContain("connect-src 'self';");
    const { web: zim, softphone } = await serve('zim');
    expect(softphone.state.mediaPath).toEqual({ kind: 'zego-express', appID: 1234567, server: 'wss://webliveroom1234567-api.coolzcloud.com/ws' });
    expect((await get(zim.port, '/')).headers['content-security-policy']).toContain(`connect-src 'self' ${ZEGO_EXPRESS_CONNECT_SOURCES};`);
  });

  it('prints a loopback URL with the per-launch key in the fragment', async () => {
    const { web } = await serve();
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#key=[\w-]{20,}$/);
  });

  it('refuses a socket from another origin', async () => {
    const { web } = await serve();
    const socket = connect(web.port, 'http://evil.example');
    const error = await new Promise<Error>((resolve) => socket.once('error', resolve));
    expect(error.message).toContain('403');
  });

  it('closes a socket whose first frame has the wrong key', async () => {
    const { web, origin } = await serve();
    const socket = connect(web.port, origin);
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ hello: 'guess' }));
    const [code] = await new Promise<[number]>((resolve) => socket.once('close', (closeCode) => resolve([closeCode])));
    expect(code).toBe(WEB_CLOSE_UNAUTHORIZED);
  });

  it('asks each socket a challenge of its own, and takes neither the key itself nor a proof made for another socket', async () => {
    const { web, key, origin } = await serve();
    const first = connect(web.port, origin);
    const second = connect(web.port, origin);
    const [one, two] = await Promise.all([challenges.get(first)!, challenges.get(second)!]);
    expect(one).toMatch(/^[\w-]{32}$/);
    expect(one).not.toBe(two);
    first.send(JSON.stringify({ hello: key }));
    second.send(JSON.stringify({ hello: helloProof(key, one) }));
    const closed = (socket: WebSocket) => new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    expect(await Promise.all([closed(first), closed(second)])).toEqual([WEB_CLOSE_UNAUTHORIZED, WEB_CLOSE_UNAUTHORIZED]);
  });

  it('after the hello, sends the state and answers commands by id', async () => {
    const { web, key, origin } = await serve();
    const socket = connect(web.port, origin);
    await challenges.get(socket);
    const first = nextFrame(socket);
    await sayHello(socket, key);
    expect(await first).toMatchObject({ state: { user: 'alice' } });

    const frames: Array<Record<string, unknown>> = [];
    socket.on('message', (data) => frames.push(JSON.parse(data.toString()) as Record<string, unknown>));
    socket.send(JSON.stringify({ id: 7, command: { type: 'setLimits', incoming: 4 } }));
    socket.send(JSON.stringify({ id: 8, command: { type: 'setLimits', incoming: 40 } }));
    await expect.poll(() => frames.filter((frame) => 'id' in frame).length).toBe(2);
    expect(frames.find((frame) => frame.id === 7)).toEqual({ id: 7, result: { ok: true } });
    expect(frames.find((frame) => frame.id === 8)).toEqual({
      id: 8,
      result: { ok: false, error: 'Incoming limit: a limit must be between 1 and 20' },
    });
    expect(frames.some((frame) => (frame.state as { limits?: { incoming: number } })?.limits?.incoming === 4)).toBe(true);
  });

  it('carries media signals with the newest page only, and hands the core what it sends', async () => {
    const { web, softphone, key, origin } = await serve();
    const open = async (): Promise<{ socket: WebSocket; frames: Array<Record<string, unknown>> }> => {
      const socket = connect(web.port, origin);
      await challenges.get(socket);
      const first = nextFrame(socket);
      await sayHello(socket, key);
      await first;
      const frames: Array<Record<string, unknown>> = [];
      socket.on('message', (data) => frames.push(JSON.parse(data.toString()) as Record<string, unknown>));
      return { socket, frames };
    };
    const older = await open();
    const newer = await open();
    const sent: unknown[] = [];
    const original = softphone.sendMediaSignal.bind(softphone);
    softphone.sendMediaSignal = (input) => {
      sent.push(input);
      original(input);
    };
    const message = { callID: 'c1', peer: 'bob', signal: { description: { type: 'offer', sdp: 'v=0' } } };
    older.socket.send(JSON.stringify({ media: message }));
    newer.socket.send(JSON.stringify({ media: message }));
    await expect.poll(() => sent.length).toBe(1);
    // Once the newer page goes, the older one carries the audio again.
    newer.socket.close();
    await new Promise((resolve) => newer.socket.once('close', resolve));
    await expect
      .poll(async () => {
        older.socket.send(JSON.stringify({ media: message }));
        await new Promise((resolve) => setTimeout(resolve, 20));
        return sent.length;
      })
      .toBeGreaterThan(1);
    expect(older.frames.some((frame) => 'media' in frame)).toBe(false);
  });

  it('tells each page whether it carries the audio: the newest does, and the one before it again once that one goes', async () => {
    const { web, key, origin } = await serve();
    const open = async (): Promise<{ socket: WebSocket; carrier: unknown[] }> => {
      const socket = connect(web.port, origin);
      const carrier: unknown[] = [];
      socket.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as Record<string, unknown>;
        if ('mediaCarrier' in frame) carrier.push(frame.mediaCarrier);
      });
      await sayHello(socket, key);
      await expect.poll(() => carrier).toEqual([true]);
      return { socket, carrier };
    };
    const older = await open();
    const newer = await open();
    await expect.poll(() => older.carrier).toEqual([true, false]);
    newer.socket.close();
    await expect.poll(() => older.carrier).toEqual([true, false, true]);
    expect(newer.carrier).toEqual([true]);
  });

  it('writes a state frame that is exactly {state}, once per snapshot, whether or not the history changed', async () => {
    const { softphone } = await serve();
    const write = stateFrameWriter();
    const first = softphone.state;
    expect(JSON.parse(write(first))).toEqual({ state: first });
    expect(write(first)).toBe(write(first));
    // A new snapshot with the same history, then one whose history has an entry with text that needs escaping.
    const sameHistory = { ...first, version: first.version + 1, dnd: true };
    expect(JSON.parse(write(sameHistory))).toEqual({ state: sameHistory });
    const entry = { id: 9, callID: '1', direction: 'incoming' as const, peer: 'bob', outcome: 'missed' as const, detail: 'quote " and \\ and \n', startedAt: 1, endedAt: 2 };
    const newHistory = { ...sameHistory, version: sameHistory.version + 1, history: [entry] };
    expect(JSON.parse(write(newHistory))).toEqual({ state: newHistory });
    const callbacks = [{ peer: 'ann', attempts: 2, firstAt: 1, lastAt: 2, reason: 'turned away (line limit)' }];
    const newCallbacks = { ...newHistory, version: newHistory.version + 1, callbacks };
    expect(JSON.parse(write(newCallbacks))).toEqual({ state: newCallbacks });
    expect(JSON.parse(write({ ...newCallbacks, version: newCallbacks.version + 1 }))).toEqual({ state: { ...newCallbacks, version: newCallbacks.version + 1 } });
  });
});
