/**
 * Faults on real sockets: a callee whose process is killed or frozen while a call rings at it,
 * and a client that stops reading. The heartbeat is shortened from ZIM's 10 s / 30 s.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { CallMode, CallUserState } from '../../../shared/calls/enums.js';
import { MAX_EXTENDED_DATA } from '../../../shared/protocol/hub.js';
import { mintToken } from '../auth/token.js';
import type { HubOptions } from './server.js';
import { TestHub } from './testkit.js';
import { testHubs, WireClient, type LoggedHub, type WireFrame } from './wireClient.js';

const SECRET = 'faults-test-secret-0123456789';
const HEARTBEAT = { heartbeatIntervalMs: 200, heartbeatTimeoutMs: 1_000 };
/**
 * The longest a dead peer may go unnoticed: the timeout, plus the tick that sees it, plus slack
 * for timers running late while the rest of the suite loads both cores.
 */
const HEARTBEAT_WINDOW_MS = HEARTBEAT.heartbeatTimeoutMs + HEARTBEAT.heartbeatIntervalMs + 2_000;

const hubs = testHubs(SECRET);
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function hub(options: Partial<HubOptions> = {}): Promise<LoggedHub> {
  const started = await hubs.start(options);
  cleanup.push(() => started.close());
  return started;
}

async function signIn(url: string, userID: string): Promise<WireClient> {
  const client = await WireClient.as(url, userID, SECRET);
  cleanup.push(() => client.close());
  return client;
}

/**
 * A callee in a process of its own, signed in over a plain `ws` socket; it prints "ringing" when
 * an invitation arrives and then does nothing, so that the test can kill or freeze it.
 */
async function calleeProcess(url: string, userID: string): Promise<{ child: ChildProcess; ringing: Promise<void> }> {
  const script = `
    import { WebSocket } from 'ws';
    const [url, userID, token] = process.argv.slice(1);
    const ws = new WebSocket(url);
    ws.on('open', () => ws.send(JSON.stringify({ id: 1, method: 'login', params: { userID, token } })));
    ws.on('message', (data) => {
      const text = String(data);
      if (text.includes('"result"')) process.stdout.write('online\\n');
      if (text.includes('callInvitationReceived')) process.stdout.write('ringing\\n');
    });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, url, userID, mintToken(SECRET, userID, Date.now())], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  cleanup.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let stdout = '';
  const line = (wanted: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (stdout.split('\n').includes(wanted)) resolve();
      };
      child.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        check();
      });
      child.once('exit', (code, signal) => reject(new Error(`the callee process exited (${code ?? signal}) before printing "${wanted}"`)));
      check();
    });
  await line('online');
  return { child, ringing: line('ringing') };
}

const stateOf = (userID: string, state: number) => (frame: WireFrame): boolean =>
  frame.event === 'callUserStateChanged' &&
  (frame.data!.callUserList as Array<{ userID: string; state: number }>).some((user) => user.userID === userID && user.state === state);

/** Rings bob (in a process of its own) from alice with the not-received check, as the softphone dials. */
async function ringing(url: string, timeout: number): Promise<{ alice: WireClient; bob: ChildProcess; callID: string }> {
  const alice = await signIn(url, 'alice');
  const { child: bob, ringing: rang } = await calleeProcess(url, 'bob');
  const { callID } = await alice.ok('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced, timeout, enableNotReceivedCheck: true } });
  await rang;
  await alice.waitFor(stateOf('bob', CallUserState.Received));
  return { alice, bob, callID };
}

describe('a callee that dies while a call rings at it', () => {
  it('killed: the caller learns at once (NotYetReceived), and the call times out as usual', async () => {
    const { url } = await hub(HEARTBEAT);
    const { alice, bob, callID } = await ringing(url, 2);
    const killedAt = Date.now();
    bob.kill('SIGKILL');
    await alice.waitFor(stateOf('bob', CallUserState.NotYetReceived), HEARTBEAT_WINDOW_MS);
    expect(Date.now() - killedAt).toBeLessThan(HEARTBEAT_WINDOW_MS);
    // The invitation stays until its timeout, in case bob comes back (ZIM scenario 20); then it ends.
    await alice.waitFor(stateOf('bob', CallUserState.Timeout), 5_000);
    expect((await alice.ok('queryCallInvitationList', { config: { count: 1 } })).callList[0]).toMatchObject({ callID });
  });

  it('frozen (its socket open, its pongs gone): the caller learns within the heartbeat window', async () => {
    const running = await hub(HEARTBEAT);
    const { alice, bob } = await ringing(running.url, 30);
    const frozenAt = Date.now();
    bob.kill('SIGSTOP');
    await alice.waitFor(stateOf('bob', CallUserState.NotYetReceived), HEARTBEAT_WINDOW_MS + 1_000);
    expect(Date.now() - frozenAt).toBeLessThan(HEARTBEAT_WINDOW_MS);
    expect(running.logs.some((line) => line.includes('missed its heartbeats'))).toBe(true);
    bob.kill('SIGKILL');
  });

  it('comes back before the timeout: it rings again and the caller sees Received', () => {
    const hub = new TestHub();
    const alice = hub.login('alice');
    const bob = hub.login('bob');
    const { callID } = alice.ok('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced, enableNotReceivedCheck: true } });
    alice.clear();
    bob.close();
    const back = hub.connect();
    back.ok('login', { userID: 'bob', token: hub.token('bob') });
    expect(back.events('callInvitationReceived')).toEqual([expect.objectContaining({ callID })]);
    expect(alice.events('callUserStateChanged').map((event) => event.callUserList)).toEqual([
      [{ userID: 'bob', state: CallUserState.NotYetReceived, extendedData: '' }],
      [{ userID: 'bob', state: CallUserState.Received, extendedData: '' }],
    ]);
  });
});

describe('a client that stops reading', () => {
  it('is dropped once it is 4 MiB behind, and nobody else waits for it', async () => {
    const running = await hub({ requestBurst: 1_000, maxRingingPerCallee: 0 });
    const bob = await signIn(running.url, 'bob');
    const alice = await signIn(running.url, 'alice');
    const carol = await signIn(running.url, 'carol');
    const sloth = new WebSocket(running.url);
    cleanup.push(() => sloth.terminate());
    await new Promise((resolve, reject) => sloth.once('open', resolve).once('error', reject));
    sloth.pause();
    const send = (id: number, method: string, params: unknown): void => sloth.send(JSON.stringify({ id, method, params }));
    send(1, 'login', { userID: 'sloth', token: mintToken(SECRET, 'sloth', Date.now()) });
    // 100 calls with the largest extendedData make every full page of its history about 220 kB.
    const extendedData = 'x'.repeat(MAX_EXTENDED_DATA);
    for (let i = 0; i < 100; i++) send(2 + i, 'callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced, extendedData } });
    for (let i = 0; i < 400; i++) send(200 + i, 'queryCallInvitationList', { config: { count: 100 } });

    // Meanwhile everyone else's calls go on.
    const callID = (await alice.ok('callInvite', { invitees: ['carol'], config: { mode: CallMode.Advanced } })).callID;
    await carol.event('callInvitationReceived', callID);
    await carol.ok('callAccept', { callID, config: {} });
    await alice.ok('callEnd', { callID, config: {} });
    await carol.event('callInvitationEnded', callID);

    await bob.waitFor(() => running.logs.some((line) => /\(.*\) reads too slowly; dropping it/.test(line)), 10_000);
    // Its unanswered invitations are cancelled like any caller's who goes away.
    await bob.waitFor(() => bob.events().filter((frame) => frame.event === 'callInvitationCancelled').length === 100, 10_000);
    const closed = new Promise<number>((resolve) => sloth.once('close', resolve));
    sloth.resume();
    expect(await closed).toBe(1006);
  });
});
