/**
 * Browser mode's bridge: the IPC contract over the loopback WebSocket described in
 * shared/ipc/web.ts. The socket class is injected so tests can drive a fake one.
 *
 * A dropped socket is reopened with backoff. Commands in flight when it drops are rejected
 * rather than resent: the core may already have run them, and running a dial or an accept
 * twice is worse than asking the user to try again.
 */
import type { AppState, Command, CommandResult } from '../../../shared/ipc/contract.js';
import type { MediaToCore, MediaToRenderer } from '../../../shared/ipc/media.js';
import { WEB_CLOSE_UNAUTHORIZED } from '../../../shared/ipc/constants.js';
import { parseServerFrame } from './frames.js';
import { helloProof } from './helloProof.js';
import type { Bridge, LinkStatus } from './types.js';

/** The part of the DOM WebSocket this bridge uses. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type SocketClass = new (url: string) => SocketLike;

export interface WebBridgeOptions {
  /** ws://host/ipc */
  url: string;
  /** The per-launch secret from the page's #key=… */
  secret: string;
  Socket: SocketClass;
}

export interface WebBridge extends Bridge {
  /** Closes the socket and stops reconnecting. */
  dispose(): void;
}

/** WebSocket.OPEN, spelled out because an injected class need not carry the constant. */
const SOCKET_OPEN = 1;
/** Delays before each reconnect attempt; the last one repeats. Reset once the core answers. */
export const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 5000] as const;

interface Pending {
  type: Command['type'];
  resolve: (result: CommandResult) => void;
  reject: (error: Error) => void;
}

export function createWebBridge(options: WebBridgeOptions): WebBridge {
  const stateListeners = new Set<(state: AppState) => void>();
  const linkListeners = new Set<(status: LinkStatus) => void>();
  const mediaListeners = new Set<(message: MediaToRenderer) => void>();
  const carryingListeners = new Set<(carrying: boolean) => void>();
  /**
   * Whether the core says this page carries the audio; not until it says so. A dropped link
   * changes nothing: the core tells the page again after the hello, and an engine kept through a
   * short drop keeps its calls' connections (and, on ZEGO Express, its rooms).
   */
  let carrying = false;
  const firstStateWaiters: Array<(state: AppState) => void> = [];
  const pending = new Map<number, Pending>();
  let link: LinkStatus = { kind: 'connecting' };
  let socket: SocketLike | null = null;
  let latest: AppState | null = null;
  /**
   * Added to each state's version. A restarted core counts from the start again, and the store
   * keeps only states newer than the one it has: the first state on each socket is made newer
   * than any delivered before, whichever process sends it (one socket delivers in order).
   */
  let versionOffset = 0;
  let firstOnSocket = true;
  let nextId = 1;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  /**
   * A kit user who left a call's room, told while the link was down: the core ends that call on
   * it, so it waits for the link (by call, at most one each) rather than being lost.
   */
  const roomsLeft = new Map<string, MediaToCore>();

  function setLink(next: LinkStatus): void {
    link = next;
    for (const listener of linkListeners) listener(next);
  }

  function setCarrying(next: boolean): void {
    if (next === carrying) return;
    carrying = next;
    for (const listener of carryingListeners) listener(next);
  }

  function open(): void {
    const ws = new options.Socket(options.url);
    socket = ws;
    firstOnSocket = true;
    // The core speaks first, with a challenge; the page's key is never sent (shared/ipc/web.ts).
    ws.onopen = () => undefined;
    ws.onmessage = (event) => receive(ws, event.data);
    ws.onclose = (event) => dropped(ws, event.code);
  }

  function receive(ws: SocketLike, data: unknown): void {
    const frame = parseServerFrame(data);
    if (!frame) return;
    if ('challenge' in frame) {
      void answer(ws, frame.challenge);
      return;
    }
    if ('media' in frame) {
      for (const listener of mediaListeners) listener(frame.media);
      return;
    }
    if ('mediaCarrier' in frame) {
      setCarrying(frame.mediaCarrier);
      return;
    }
    if ('state' in frame) {
      // The core only pushes state after it accepted the hello, so the link is proven good.
      attempt = 0;
      if (link.kind !== 'open') {
        setLink({ kind: 'open' });
        for (const message of roomsLeft.values()) ws.send(JSON.stringify({ media: message }));
        roomsLeft.clear();
      }
      if (firstOnSocket && latest && frame.state.version + versionOffset <= latest.version) {
        versionOffset = latest.version + 1 - frame.state.version;
      }
      firstOnSocket = false;
      const state = versionOffset === 0 ? frame.state : { ...frame.state, version: frame.state.version + versionOffset };
      latest = state;
      for (const waiter of firstStateWaiters.splice(0)) waiter(state);
      for (const listener of stateListeners) listener(state);
      return;
    }
    const request = pending.get(frame.id);
    if (!request) return;
    pending.delete(frame.id);
    request.resolve(frame.result);
  }

  /** Says hello with the proof of the key, if the socket is still this bridge's and open. */
  async function answer(ws: SocketLike, challenge: string): Promise<void> {
    const proof = await helloProof(options.secret, challenge);
    if (ws === socket && ws.readyState === SOCKET_OPEN) ws.send(JSON.stringify({ hello: proof }));
  }

  function dropped(ws: SocketLike, code: number): void {
    if (ws !== socket) return;
    socket = null;
    for (const [id, request] of pending) {
      pending.delete(id);
      request.reject(new Error(`Connection to Switchboard lost before "${request.type}" was answered; it may or may not have happened`));
    }
    if (disposed) return;
    if (code === WEB_CLOSE_UNAUTHORIZED) {
      setLink({ kind: 'refused', message: 'Switchboard refused this page’s key. Open the address Switchboard printed when it started.' });
      return;
    }
    setLink(latest ? { kind: 'reconnecting' } : { kind: 'connecting' });
    const delay = RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)];
    attempt += 1;
    retryTimer = setTimeout(open, delay);
  }

  if (options.secret === '') {
    link = { kind: 'refused', message: 'This address has no #key=…. Open the address Switchboard printed when it started.' };
  } else {
    open();
  }

  return {
    command(command: Command): Promise<CommandResult> {
      const ws = socket;
      if (!ws || ws.readyState !== SOCKET_OPEN || link.kind !== 'open') {
        return Promise.reject(new Error(`Not connected to Switchboard; "${command.type}" was not sent`));
      }
      const id = nextId++;
      return new Promise<CommandResult>((resolve, reject) => {
        pending.set(id, { type: command.type, resolve, reject });
        ws.send(JSON.stringify({ id, command }));
      });
    },
    getState(): Promise<AppState> {
      if (latest) return Promise.resolve(latest);
      return new Promise((resolve) => firstStateWaiters.push(resolve));
    },
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    media: {
      // A signal lost with the link is not resent: the call's connection is set up again anyway.
      send(message) {
        if (socket && socket.readyState === SOCKET_OPEN && link.kind === 'open') socket.send(JSON.stringify({ media: message }));
        else if ('roomLeft' in message) roomsLeft.set(message.roomLeft.callID, message);
      },
      onSignal(listener) {
        mediaListeners.add(listener);
        return () => mediaListeners.delete(listener);
      },
      onCarrying(listener) {
        carryingListeners.add(listener);
        listener(carrying);
        return () => carryingListeners.delete(listener);
      },
    },
    onLink(listener) {
      linkListeners.add(listener);
      listener(link);
      return () => linkListeners.delete(listener);
    },
    dispose() {
      disposed = true;
      clearTimeout(retryTimer);
      socket?.close();
    },
  };
}
