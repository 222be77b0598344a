import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppState } from '../../../shared/ipc/contract.js';
import { WEB_CLOSE_UNAUTHORIZED } from '../../../shared/ipc/constants.js';
import { makeState } from '../testing/fixtures.js';
import type { LinkStatus } from './types.js';
import { helloProof } from './helloProof.js';
import { createWebBridge, RECONNECT_DELAYS_MS, type SocketLike, type WebBridge } from './webBridge.js';

/** A WebSocket whose server side the test plays: open it, send it frames, drop it. */
class FakeSocket implements SocketLike {
  static instances: FakeSocket[] = [];
  readyState = 0;
  readonly sent: string[] = [];
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    this.sent.push(data);
  }

  close(code = 1000): void {
    this.drop(code);
  }

  serverOpens(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  serverSends(frame: unknown): void {
    const data = typeof frame === 'string' ? frame : JSON.stringify(frame);
    this.onmessage?.(new MessageEvent('message', { data }));
  }

  drop(code = 1006): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.(new CloseEvent('close', { code }));
  }

  get frames(): unknown[] {
    return this.sent.map((data) => JSON.parse(data));
  }
}

const latestSocket = (): FakeSocket => {
  const socket = FakeSocket.instances.at(-1);
  if (!socket) throw new Error('no socket was opened');
  return socket;
};

let bridge: WebBridge;
let links: LinkStatus[];
let states: AppState[];

function start(secret = 's3cret'): FakeSocket | undefined {
  bridge = createWebBridge({ url: 'ws://127.0.0.1:4781/ipc', secret, Socket: FakeSocket });
  links = [];
  states = [];
  bridge.onLink((status) => links.push(status));
  bridge.onState((state) => states.push(state));
  return FakeSocket.instances.at(-1);
}

/** The core's challenge, and the bridge's hello once its proof (WebCrypto, off the main thread) is made. */
async function challenge(socket: FakeSocket, text = 'challenge-1'): Promise<void> {
  const sentBefore = socket.sent.length;
  socket.serverSends({ challenge: text });
  // Each await of a digest of our own lets the event loop finish the bridge's too.
  for (let i = 0; i < 100 && socket.sent.length === sentBefore; i++) await helloProof('wait', text);
}

/** Starts a bridge whose socket is open, has said hello and has had its first snapshot. */
async function startOnline(): Promise<FakeSocket> {
  start();
  const socket = latestSocket();
  socket.serverOpens();
  await challenge(socket);
  socket.serverSends({ state: makeState({ version: 1 }) });
  return socket;
}

describe('createWebBridge', () => {
  beforeEach(() => {
    FakeSocket.instances = [];
    vi.useFakeTimers();
  });
  afterEach(() => {
    bridge.dispose();
    vi.useRealTimers();
  });

  it('opens the given URL and answers the core\'s challenge with the proof of the key, never the key itself', async () => {
    const socket = start('s3cret')!;
    expect(socket.url).toBe('ws://127.0.0.1:4781/ipc');
    expect(links).toEqual([{ kind: 'connecting' }]);
    socket.serverOpens();
    expect(socket.frames).toEqual([]);
    await challenge(socket, 'challenge-1');
    expect(socket.frames).toEqual([{ hello: await helloProof('s3cret', 'challenge-1') }]);
    expect(socket.sent.join('')).not.toContain('s3cret');
  });

  it('hands pushed state to listeners and to getState, and reports the link open', async () => {
    const socket = start();
    socket?.serverOpens();
    const first = bridge.getState();
    const state = makeState({ version: 4, user: 'alice' });
    socket?.serverSends({ state });
    await expect(first).resolves.toEqual(state);
    await expect(bridge.getState()).resolves.toEqual(state);
    expect(states).toEqual([state]);
    expect(links.at(-1)).toEqual({ kind: 'open' });
  });

  it('sends commands as {id, command} and matches results by id, in any order', async () => {
    const socket = await startOnline();
    const dial = bridge.command({ type: 'dial', userID: 'bob' });
    const dnd = bridge.command({ type: 'setDnd', enabled: true });
    const [, first, second] = socket.frames as [unknown, { id: number }, { id: number }];
    expect(first).toEqual({ id: first.id, command: { type: 'dial', userID: 'bob' } });
    expect(second).toEqual({ id: second.id, command: { type: 'setDnd', enabled: true } });
    expect(first.id).not.toBe(second.id);

    socket.serverSends({ id: second.id, result: { ok: true } });
    socket.serverSends({ id: first.id, result: { ok: false, error: 'bob is not signed in' } });
    await expect(dial).resolves.toEqual({ ok: false, error: 'bob is not signed in' });
    await expect(dnd).resolves.toEqual({ ok: true });
  });

  it('ignores malformed frames and keeps going', async () => {
    const socket = await startOnline();
    const pending = bridge.command({ type: 'signOut' });
    const { id } = socket.frames[1] as { id: number };
    socket.serverSends('not json');
    socket.serverSends('[1,2]');
    socket.serverSends({ state: { version: 2 } });
    socket.serverSends({ id, result: { ok: 'yes' } });
    socket.serverSends({ id: id + 100, result: { ok: true } });
    socket.serverSends({ hello: 'back' });
    expect(states).toHaveLength(1);

    socket.serverSends({ state: makeState({ version: 2 }) });
    socket.serverSends({ id, result: { ok: true } });
    expect(states.map((state) => state.version)).toEqual([1, 2]);
    await expect(pending).resolves.toEqual({ ok: true });
  });

  it('rejects commands in flight when the socket drops, naming the command', async () => {
    const socket = await startOnline();
    const accept = bridge.command({ type: 'accept', callID: 'c1' });
    socket.drop();
    await expect(accept).rejects.toThrow('Connection to Switchboard lost before "accept" was answered');
    expect(links.at(-1)).toEqual({ kind: 'reconnecting' });
  });

  it('refuses to send while disconnected instead of queueing', async () => {
    const socket = await startOnline();
    socket.drop();
    await expect(bridge.command({ type: 'dial', userID: 'bob' })).rejects.toThrow('Not connected to Switchboard; "dial" was not sent');
  });

  it('keeps a kit user\'s leaving a room, told while the link is down, until it is back (the core ends that call on it); signals go', async () => {
    await startOnline();
    latestSocket().drop();
    bridge.media.send({ roomLeft: { callID: 'k1', userID: 'ann' } });
    bridge.media.send({ callID: 'c1', peer: 'bob', signal: { candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host', sdpMid: '0', sdpMLineIndex: 0 } } });
    vi.advanceTimersByTime(RECONNECT_DELAYS_MS[0]);
    const again = latestSocket();
    again.serverOpens();
    await challenge(again, 'challenge-2');
    expect(again.frames).toHaveLength(1);
    again.serverSends({ state: makeState({ version: 2 }) });
    expect(again.frames.slice(1)).toEqual([{ media: { roomLeft: { callID: 'k1', userID: 'ann' } } }]);
  });

  it('reconnects with growing delays, says hello again, and resets the backoff once state arrives', async () => {
    await startOnline();
    latestSocket().drop();
    expect(FakeSocket.instances).toHaveLength(1);

    vi.advanceTimersByTime(RECONNECT_DELAYS_MS[0] - 1);
    expect(FakeSocket.instances).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.instances).toHaveLength(2);

    latestSocket().drop();
    vi.advanceTimersByTime(RECONNECT_DELAYS_MS[1] - 1);
    expect(FakeSocket.instances).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.instances).toHaveLength(3);

    const third = latestSocket();
    third.serverOpens();
    await challenge(third, 'challenge-3');
    expect(third.frames).toEqual([{ hello: await helloProof('s3cret', 'challenge-3') }]);
    third.serverSends({ state: makeState({ version: 7 }) });
    expect(links.at(-1)).toEqual({ kind: 'open' });

    third.drop();
    vi.advanceTimersByTime(RECONNECT_DELAYS_MS[0]);
    expect(FakeSocket.instances).toHaveLength(4);
  });

  it('hands on the state of a restarted core, whose versions count from the start again, as newer than the old one', async () => {
    const first = await startOnline();
    first.serverSends({ state: makeState({ version: 40, dnd: true }) });
    first.drop();
    vi.advanceTimersByTime(RECONNECT_DELAYS_MS[0]);
    const second = latestSocket();
    second.serverOpens();
    second.serverSends({ state: makeState({ version: 1, dnd: false }) });
    second.serverSends({ state: makeState({ version: 2, dnd: true }) });
    expect(states.map((state) => [state.version, state.dnd])).toEqual([
      [1, false],
      [40, true],
      [41, false],
      [42, true],
    ]);
  });

  it('says whether the page carries the audio as the core tells it', async () => {
    const socket = await startOnline();
    const carrying: boolean[] = [];
    bridge.media.onCarrying?.((value) => carrying.push(value));
    socket.serverSends({ mediaCarrier: true });
    socket.serverSends({ mediaCarrier: true });
    socket.serverSends({ mediaCarrier: 'yes' });
    socket.serverSends({ mediaCarrier: false });
    socket.serverSends({ mediaCarrier: true });
    expect(carrying).toEqual([false, true, false, true]);
  });

  it('stops for good when the core refuses the key', () => {
    start();
    latestSocket().drop(WEB_CLOSE_UNAUTHORIZED);
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.instances).toHaveLength(1);
    expect(links.at(-1)).toMatchObject({ kind: 'refused', message: expect.stringContaining('refused this page’s key') });
  });

  it('does not connect at all without a key in the address', () => {
    expect(start('')).toBeUndefined();
    expect(links).toEqual([{ kind: 'refused', message: expect.stringContaining('no #key=') }]);
  });

  it('stops reconnecting once disposed', async () => {
    await startOnline();
    bridge.dispose();
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.instances).toHaveLength(1);
  });
});
