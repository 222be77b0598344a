/**
 * Admission against a real hub on loopback: the login deadline, the caps on connections not
 * signed in (all, and per address), browser origins, the shared budget and the throttled log.
 */
import { connect as connectTcp, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { mintToken } from '../auth/token.js';
import { DEFAULT_MAX_CONNECTIONS_PER_USER } from './admission.js';
import { CLOSE_POLICY_VIOLATION } from './limits.js';
import { NOISY_LINES_PER_WINDOW, ThrottledLog } from './throttledLog.js';
import { testHubs, WireClient } from './wireClient.js';

const SECRET = 'admission-test-secret-0123456789';
const hubs = testHubs(SECRET);
const sockets: Array<Socket | WebSocket> = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) {
    if (socket instanceof WebSocket) socket.terminate();
    else socket.destroy();
  }
  await hubs.closeAll();
});

function tcp(port: number, localAddress = '127.0.0.1'): Promise<{ socket: Socket; closed: Promise<void> }> {
  const socket = connectTcp({ port, host: '127.0.0.1', localAddress });
  sockets.push(socket);
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return new Promise((resolve) => socket.once('connect', () => resolve({ socket, closed })));
}

function upgrade(url: string, options: { origin?: string; localAddress?: string } = {}): Promise<WebSocket> {
  const ws = new WebSocket(url, options);
  sockets.push(ws);
  return new Promise((resolve, reject) => ws.once('open', () => resolve(ws)).once('error', reject));
}

function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

describe('hub admission', () => {
  it('closes a connection that does not sign in within the login deadline, raw or upgraded, and not one that did', async () => {
    const hub = await hubs.start({ admission: { loginTimeoutMs: 300 } });
    const raw = await tcp(hub.port);
    const idle = await upgrade(hub.url);
    const idleClosed = closeOf(idle);
    const alice = await WireClient.as(hub.url, 'alice', SECRET);
    await raw.closed;
    expect(await idleClosed).toEqual({ code: CLOSE_POLICY_VIOLATION, reason: 'no login in time' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await alice.request('queryCallInvitationList', { config: { count: 1 } })).result).toBeDefined();
    // Signed out again, the deadline starts over.
    await alice.ok('logout', {});
    expect(await alice.closed).toEqual({ code: CLOSE_POLICY_VIOLATION, reason: 'no login in time' });
  });

  it('caps connections not signed in per address and in all, and still admits one that signs in', async () => {
    const hub = await hubs.start({ admission: { maxPendingPerAddress: 3, maxPendingLogins: 5 } });
    const fromTwo = await Promise.all(Array.from({ length: 4 }, () => tcp(hub.port, '127.0.0.2')));
    // The fourth from 127.0.0.2 is cut at once; the others stay.
    await Promise.race(fromTwo.map((entry) => entry.closed));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fromTwo.filter((entry) => entry.socket.destroyed)).toHaveLength(1);
    expect(hub.stats().pending).toBe(3);
    // 127.0.0.3 takes the last two places in all; a third from anywhere is refused.
    await Promise.all([tcp(hub.port, '127.0.0.3'), tcp(hub.port, '127.0.0.3')]);
    await expect(upgrade(hub.url)).rejects.toThrow();
    // A connection that signs in frees its place.
    fromTwo[0]!.socket.destroy();
    await expect.poll(() => hub.stats().pending).toBe(4);
    const alice = await WireClient.as(hub.url, 'alice', SECRET);
    expect(hub.stats()).toMatchObject({ pending: 4, connections: 5 });
    await expect.poll(() => hub.logs.some((line) => line.includes('127.0.0.2 holds its maximum of 3 connections not signed in'))).toBe(true);
    alice.close();
  });

  it('caps connections of every kind', async () => {
    const hub = await hubs.start({ admission: { maxConnections: 2 } });
    const alice = await WireClient.as(hub.url, 'alice', SECRET);
    const bob = await WireClient.as(hub.url, 'bob', SECRET);
    await expect(upgrade(hub.url)).rejects.toThrow();
    bob.close();
    await expect.poll(() => hub.stats().connections).toBe(1);
    await WireClient.as(hub.url, 'bob', SECRET);
    alice.close();
  });

  it('keeps one user from taking every connection: past the per-user cap a login is refused, and others still get in', async () => {
    // One account on the LAN could otherwise sign in maxConnections times, locking everyone
    // else out and multiplying the per-connection request rate by as many.
    const hub = await hubs.start({ admission: { maxConnections: 24 } });
    const mallory = await Promise.all(Array.from({ length: DEFAULT_MAX_CONNECTIONS_PER_USER }, () => WireClient.as(hub.url, 'mallory', SECRET)));
    const extra = await WireClient.open(hub.url);
    const refused = await extra.request('login', { userID: 'mallory', token: mintToken(SECRET, 'mallory', Date.now()) });
    expect(refused.error).toEqual({
      code: 6000005,
      message: `login: mallory already has ${DEFAULT_MAX_CONNECTIONS_PER_USER} connections signed in, at most ${DEFAULT_MAX_CONNECTIONS_PER_USER}; close one first`,
    });
    // A forged token is told it is forged, whatever the count.
    expect((await extra.request('login', { userID: 'mallory', token: 'v1.x.y' })).error?.code).toBe(6000103);
    extra.close();
    await expect.poll(() => hub.stats().connections).toBe(DEFAULT_MAX_CONNECTIONS_PER_USER);
    const others = await Promise.all(['ann', 'bob', 'cy'].map((user) => WireClient.as(hub.url, user, SECRET)));
    expect(others).toHaveLength(3);
    // A connection that goes, or signs out, frees its place.
    mallory[0]!.close();
    await mallory[1]!.ok('logout', {});
    await expect.poll(() => hub.stats().connections).toBe(DEFAULT_MAX_CONNECTIONS_PER_USER - 1 + 3);
    await WireClient.as(hub.url, 'mallory', SECRET);
    await WireClient.as(hub.url, 'mallory', SECRET);
    const over = await WireClient.open(hub.url);
    expect((await over.request('login', { userID: 'mallory', token: mintToken(SECRET, 'mallory', Date.now()) })).error?.code).toBe(6000005);
  });

  it('lets one user sign in any number of times when the per-user cap is 0', async () => {
    const hub = await hubs.start({ admission: { maxConnectionsPerUser: 0 } });
    const many = await Promise.all(Array.from({ length: DEFAULT_MAX_CONNECTIONS_PER_USER + 2 }, () => WireClient.as(hub.url, 'desk', SECRET)));
    expect(many).toHaveLength(DEFAULT_MAX_CONNECTIONS_PER_USER + 2);
  });

  it('refuses an upgrade that carries a browser Origin, unless the origin is allowed', async () => {
    const hub = await hubs.start({ allowedOrigins: ['https://phones.example.org'] });
    await expect(upgrade(hub.url, { origin: 'https://evil.example' })).rejects.toThrow(/403/);
    const allowed = await upgrade(hub.url, { origin: 'https://phones.example.org' });
    const reply = new Promise<string>((resolve) => allowed.once('message', (data) => resolve(String(data))));
    allowed.send(JSON.stringify({ id: 1, method: 'login', params: { userID: 'ann', token: mintToken(SECRET, 'ann', Date.now()) } }));
    expect(JSON.parse(await reply)).toMatchObject({ id: 1, result: { userID: 'ann' } });
    const plain = await hubs.start();
    await expect(upgrade(plain.url, { origin: `http://127.0.0.1:${plain.port}` })).rejects.toThrow(/403/);
  });

  it('shares one byte budget among connections not signed in: past it they are closed, but a first frame (the login) passes', async () => {
    const hub = await hubs.start({ admission: { pendingBytesPerSecond: 20_000 } });
    const flooder = await upgrade(hub.url);
    const closed = closeOf(flooder);
    const line = JSON.stringify({ id: 1, method: 'logout', params: { pad: 'x'.repeat(4000) } });
    for (let i = 0; i < 10; i++) flooder.send(line);
    expect(await closed).toEqual({ code: CLOSE_POLICY_VIOLATION, reason: 'the hub is busy: sign in with your first frame' });
    // The budget is spent; a newcomer's login still passes.
    const alice = await WireClient.as(hub.url, 'alice', SECRET);
    expect(alice.frames[0]).toMatchObject({ result: { userID: 'alice' } });
  });

  it('writes a few bad-frame lines per window in full and summarises the rest', async () => {
    const lines: string[] = [];
    let now = 0;
    const log = new ThrottledLog((line) => lines.push(line), () => now);
    for (let i = 0; i < 1000; i++) log.write(`bad frame ${i}`);
    expect(lines).toHaveLength(NOISY_LINES_PER_WINDOW);
    now = 10_000;
    log.write('after the window');
    expect(lines.slice(NOISY_LINES_PER_WINDOW)).toEqual([
      `${1000 - NOISY_LINES_PER_WINDOW} more lines like these were not written in the last 10 s; the last: bad frame 999`,
      'after the window',
    ]);

    const hub = await hubs.start();
    const mallory = await WireClient.open(hub.url);
    for (let i = 0; i < 150; i++) mallory.raw(`[${i}]`);
    await mallory.waitFor(() => mallory.frames.length >= 150);
    expect(hub.logs.filter((line) => line.includes('not a JSON object')).length).toBeLessThanOrEqual(NOISY_LINES_PER_WINDOW);
  });
});
