/**
 * The softphone as a whole, without any UI: the signaling connection, the CallManager, and the
 * AppState that every renderer mirrors. Electron's main process and browser mode both drive it
 * through `command()` and `onState()`, the one IPC contract of shared/ipc/contract.ts.
 */
import { errorMessage } from '../../shared/protocol/errors.js';
import { resolveHubSecret } from './auth/secret.js';
import { mintToken } from './auth/token.js';
import { CallManager, CommandError } from './calls/callManager.js';
import { MediaRelay } from './calls/mediaRelay.js';
import { startHub, type RunningHub } from './hub/server.js';
import { HubClient, parseHubUrl } from './signaling/hubClient.js';
import type { SignalingPort, SignalingStatus } from './signaling/port.js';
import type { ZimConfig } from './signaling/zim/config.js';
import { httpTokenProvider } from './signaling/zim/tokenProvider.js';
import { ZimClient } from './signaling/zim/zimClient.js';
import {
  DEFAULT_INCOMING_LIMIT,
  DEFAULT_OUTGOING_LIMIT,
  HISTORY_LIMIT,
  LIMIT_MAX,
  LIMIT_MIN,
  NOTICE_LIMIT,
  parseCommand,
  type AppState,
  type Command,
  type CommandResult,
  type ConnectionView,
  type HistoryEntry,
  type Notice,
  type NoticeKind,
  type Shortcuts,
} from '../../shared/ipc/contract.js';
import { MAX_CALL_TIMEOUT_S } from '../../shared/protocol/hub.js';
import { DEFAULT_AUDIO_SETTINGS, type AudioSettings, type MediaSignalMessage } from '../../shared/ipc/media.js';

export interface SoftphoneOptions {
  /** User data directory: the hub secret lives here unless SWITCHBOARD_HUB_SECRET is set. */
  dataDir: string;
  /** ws://… of a hub; absent → an in-process hub is started on 127.0.0.1. */
  hubUrl?: string;
  /** Sign in to ZEGOCLOUD's ZIM instead of a hub (hubUrl is then unused and no hub is started). */
  zim?: ZimConfig;
  /** Sign in at start; otherwise the renderer's sign-in screen sends signIn. */
  userID?: string;
  limits?: { incoming?: number; outgoing?: number };
  /** How long the calls this user places ring before timing out, in seconds. */
  callTimeoutS?: number;
  log?: (line: string) => void;
  /** Environment to read SWITCHBOARD_HUB_SECRET from. */
  env?: NodeJS.ProcessEnv;
  /** The global shortcuts, where the front end has them (the desktop app); absent in browser mode. */
  shortcuts?: Shortcuts;
  /** Audio devices and the second-call setting, as saved last time. */
  audio?: AudioSettings;
}

export interface Softphone {
  readonly state: AppState;
  /** The hub this softphone talks to (its own in-process hub when none was given). */
  readonly hubUrl: string;
  onState(listener: (state: AppState) => void): () => void;
  /** Media signals for the renderer that carries the audio (shared/ipc/media.ts). */
  onMediaSignal(listener: (message: MediaSignalMessage) => void): () => void;
  /** A media signal from that renderer; validated, never throws. */
  sendMediaSignal(input: unknown): void;
  /** Validates and runs one command from a renderer. Never throws. */
  command(input: unknown): Promise<CommandResult>;
  /** Shows the user a problem the app goes on with anyway, as a warning notice. */
  warn(text: string): void;
  /** Ends ringing and connected calls properly, then closes the connection (and the in-process hub). */
  dispose(): Promise<void>;
}

export function checkLimit(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < LIMIT_MIN || value > LIMIT_MAX) {
    throw new Error(`${name} must be a whole number from ${LIMIT_MIN} to ${LIMIT_MAX}, not ${value}`);
  }
  return value;
}

export async function createSoftphone(options: SoftphoneOptions): Promise<Softphone> {
  const limits = {
    incoming: checkLimit('the incoming limit', options.limits?.incoming, DEFAULT_INCOMING_LIMIT),
    outgoing: checkLimit('the outgoing limit', options.limits?.outgoing, DEFAULT_OUTGOING_LIMIT),
  };
  const timeout = options.callTimeoutS;
  if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 1 || timeout > MAX_CALL_TIMEOUT_S)) {
    throw new Error(`the call timeout must be a whole number of seconds from 1 to ${MAX_CALL_TIMEOUT_S}, not ${timeout}`);
  }
  const hubUrl = options.hubUrl === undefined ? undefined : parseHubUrl(options.hubUrl);
  const secret = resolveHubSecret(options.dataDir, options.env);
  const hub = hubUrl || options.zim ? null : await startHub({ secret, log: options.log });
  const server = options.zim ? `ZEGOCLOUD (AppID ${options.zim.appID})` : (hubUrl ?? hub!.url);
  const softphone = new SoftphoneService(server, hub, secret, limits, options);
  if (options.userID) {
    const result = await softphone.command({ type: 'signIn', userID: options.userID });
    if (!result.ok) {
      await softphone.dispose();
      throw new Error(result.error);
    }
  }
  return softphone;
}

class SoftphoneService implements Softphone {
  readonly hubUrl: string;
  readonly #hub: RunningHub | null;
  readonly #secret: string;
  readonly #options: SoftphoneOptions;
  readonly #listeners = new Set<(state: AppState) => void>();
  readonly #mediaListeners = new Set<(message: MediaSignalMessage) => void>();
  #limits: { incoming: number; outgoing: number };
  #dnd = false;
  #shortcuts: Shortcuts | null;
  #client: SignalingPort | null = null;
  #manager: CallManager | null = null;
  #media: MediaRelay | null = null;
  #audio: AudioSettings;
  #connection: ConnectionView;
  #notices: Notice[] = [];
  #history: HistoryEntry[] = [];
  #nextId = 1;
  #state: AppState;

  constructor(
    hubUrl: string,
    hub: RunningHub | null,
    secret: string,
    limits: { incoming: number; outgoing: number },
    options: SoftphoneOptions,
  ) {
    this.hubUrl = hubUrl;
    this.#hub = hub;
    this.#secret = secret;
    this.#limits = limits;
    this.#options = options;
    this.#shortcuts = options.shortcuts ?? null;
    this.#audio = options.audio ?? DEFAULT_AUDIO_SETTINGS;
    this.#connection = { status: 'signed-out', hubUrl, error: null, retryAt: null };
    this.#state = this.#snapshot(0);
  }

  get state(): AppState {
    return this.#state;
  }

  onState(listener: (state: AppState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  onMediaSignal(listener: (message: MediaSignalMessage) => void): () => void {
    this.#mediaListeners.add(listener);
    return () => this.#mediaListeners.delete(listener);
  }

  sendMediaSignal(input: unknown): void {
    this.#media?.send(input);
  }

  async command(input: unknown): Promise<CommandResult> {
    const parsed = parseCommand(input);
    if (!parsed.ok) return parsed;
    try {
      await this.#run(parsed.command);
      return { ok: true };
    } catch (error) {
      if (error instanceof CommandError) return { ok: false, error: error.message };
      const message = errorMessage(error);
      this.#options.log?.(`${parsed.command.type} failed: ${message}`);
      return { ok: false, error: `${parsed.command.type} failed: ${message}` };
    }
  }

  warn(text: string): void {
    // The same problem met again (a shortcut still taken at the next change) is shown once.
    if (this.#notices.some((notice) => notice.kind === 'warning' && notice.text === text)) return;
    this.#addNotice('warning', text);
  }

  async dispose(): Promise<void> {
    await this.#signOut();
    this.#listeners.clear();
    this.#mediaListeners.clear();
    await this.#hub?.close();
  }

  async #run(command: Command): Promise<void> {
    switch (command.type) {
      case 'signIn':
        return this.#signIn(command.userID);
      case 'signOut':
        return this.#signOut();
      case 'setLimits':
        this.#limits = { incoming: command.incoming ?? this.#limits.incoming, outgoing: command.outgoing ?? this.#limits.outgoing };
        this.#manager?.setLimits(this.#limits);
        return this.#emit();
      case 'setDnd':
        this.#dnd = command.enabled;
        this.#manager?.setDnd(command.enabled);
        return this.#emit();
      case 'setShortcuts':
        if (this.#shortcuts === null) throw new CommandError('Global shortcuts exist only in the desktop app');
        this.#shortcuts = { accept: command.accept, decline: command.decline };
        return this.#emit();
      case 'dismissNotice':
        this.#notices = this.#notices.filter((notice) => notice.id !== command.id);
        return this.#emit();
      case 'dial':
        return this.#signedIn().dial(command.userID);
      case 'dialGroup':
        return this.#signedIn().dialGroup(command.userIDs);
      case 'invite':
        return this.#signedIn().invite(command.callID, command.userID);
      case 'leave':
        return this.#signedIn().leave(command.callID);
      case 'cancel':
        return this.#signedIn().cancel(command.callID);
      case 'accept':
        return this.#signedIn().accept(command.callID);
      case 'decline':
        return this.#signedIn().decline(command.callID);
      case 'hangUp':
        return this.#signedIn().hangUp(command.callID);
      case 'hold':
        return this.#signedIn().hold(command.callID);
      case 'resume':
        return this.#signedIn().resume(command.callID);
      case 'setMuted':
        return this.#signedIn().setMuted(command.callID, command.muted);
      case 'setAudio':
        this.#audio = { ...this.#audio, ...command.audio };
        this.#manager?.setSecondCall(this.#audio.secondCall);
        return this.#emit();
    }
  }

  #signedIn(): CallManager {
    if (!this.#manager) throw new CommandError('Sign in first');
    return this.#manager;
  }

  #signIn(userID: string): void {
    if (this.#manager) throw new CommandError(`Already signed in as ${this.#manager.userID}; sign out first`);
    const zim = this.#options.zim;
    const client = zim
      ? new ZimClient({ appID: zim.appID, userID, token: httpTokenProvider(zim.tokenUrl), log: this.#options.log })
      : new HubClient({ url: this.hubUrl, userID, token: () => mintToken(this.#secret, userID, Date.now()), log: this.#options.log });
    this.#client = client;
    this.#manager = new CallManager(
      client,
      {
        changed: () => this.#emit(),
        notice: (kind, text) => this.#addNotice(kind, text),
        history: (entry) => this.#addHistory(entry),
      },
      {
        userID, limits: this.#limits, dnd: this.#dnd, callTimeoutS: this.#options.callTimeoutS, secondCall: this.#audio.secondCall,
        log: this.#options.log,
      },
    );
    const manager = this.#manager;
    this.#media = new MediaRelay(
      client,
      manager,
      (message) => {
        for (const listener of this.#mediaListeners) listener(message);
      },
      (line) => this.#options.log?.(line),
    );
    client.onStatus((status) => {
      this.#connection = connectionView(this.hubUrl, status);
      this.#emit();
    });
    this.#connection = connectionView(this.hubUrl, client.status);
    this.#emit();
  }

  async #signOut(): Promise<void> {
    const manager = this.#manager;
    const client = this.#client;
    if (!manager || !client) return;
    await manager.endAll();
    manager.dispose();
    this.#media?.dispose();
    this.#media = null;
    client.close();
    this.#manager = null;
    this.#client = null;
    this.#connection = { status: 'signed-out', hubUrl: this.hubUrl, error: null, retryAt: null };
    this.#emit();
  }

  #addNotice(kind: NoticeKind, text: string): void {
    const notices = [...this.#notices, { id: this.#nextId++, kind, text, at: Date.now() }];
    // Warnings (a damaged settings file, a shortcut not taken) stay until dismissed; the other
    // notices make room for newer ones.
    let excess = notices.filter((notice) => notice.kind !== 'warning').length - NOTICE_LIMIT;
    this.#notices = notices.filter((notice) => notice.kind === 'warning' || excess-- <= 0);
    this.#emit();
  }

  #addHistory(entry: Omit<HistoryEntry, 'id'>): void {
    this.#history = [{ id: this.#nextId++, ...entry }, ...this.#history].slice(0, HISTORY_LIMIT);
  }

  #emit(): void {
    this.#state = this.#snapshot(this.#state.version + 1);
    for (const listener of this.#listeners) listener(this.#state);
  }

  #snapshot(version: number): AppState {
    return {
      version,
      user: this.#manager?.userID ?? null,
      connection: this.#connection,
      limits: { ...this.#limits },
      dnd: this.#dnd,
      shortcuts: this.#shortcuts,
      calls: this.#manager?.calls ?? [],
      notices: this.#notices,
      history: this.#history,
      audio: this.#audio,
    };
  }
}

function connectionView(hubUrl: string, status: SignalingStatus): ConnectionView {
  switch (status.status) {
    case 'connecting':
      return { status: 'connecting', hubUrl, error: null, retryAt: null };
    case 'online':
      return { status: 'online', hubUrl, error: null, retryAt: null };
    case 'reconnecting':
      return { status: 'reconnecting', hubUrl, error: null, retryAt: null };
    case 'offline':
      // Waiting to try again is reconnecting; offline is for good, until the user acts.
      return { status: status.retryAt === null ? 'offline' : 'reconnecting', hubUrl, error: status.error, retryAt: status.retryAt };
    case 'signed-in-elsewhere':
      return { status: 'signed-in-elsewhere', hubUrl, error: null, retryAt: null };
    case 'closed':
      return { status: 'signed-out', hubUrl, error: null, retryAt: null };
  }
}
