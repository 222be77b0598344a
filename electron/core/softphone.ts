/**
 * The softphone as a whole, without any UI: the signaling connection, the CallManager, and the
 * AppState that every renderer mirrors. Electron's main process and browser mode both drive it
 * through `command()` and `onState()`, the one IPC contract of shared/ipc/contract.ts.
 */
import { dirname, join } from 'node:path';
import { errorMessage } from '../../shared/protocol/errors.js';
import { resolveHubSecret } from './auth/secret.js';
import { hubTokenFor, resolveHubToken, type HubSigner } from './signaling/hubSigner.js';
import { BlockList } from './blockList.js';
import { CallHistory } from './callHistory.js';
import { CallManager, CommandError } from './calls/callManager.js';
import { PriorityCallers } from './priorityCallers.js';
import { handleExpressMessage } from './calls/expressRequests.js';
import { MediaRelay } from './calls/mediaRelay.js';
import { KNOWN_USERS_FILE } from './hub/knownUsers.js';
import { startHub, type RunningHub } from './hub/server.js';
import { NoticeBoard } from './notices.js';
import { RecentOutcomes } from './outcomes.js';
import { PeopleDirectory } from './presence/directory.js';
import { HubClient, parseHubUrl } from './signaling/hubClient.js';
import { resolveHubTrust, type HubTrust } from './signaling/hubTls.js';
import type { SignalingPort, SignalingStatus } from './signaling/port.js';
import { expressServerFor, type ZimConfig } from './signaling/zim/config.js';
import { httpTokenProvider } from './signaling/zim/tokenProvider.js';
import { ZimClient } from './signaling/zim/zimClient.js';
import {
  DEFAULT_INCOMING_LIMIT,
  DEFAULT_HISTORY_RETENTION,
  DEFAULT_OUTGOING_LIMIT,
  HISTORY_RETENTION_MAX,
  LIMIT_MAX,
  LIMIT_MIN,
  parseCommand,
  type AppState,
  type CallView,
  type Command,
  type CommandResult,
  type ConnectionView,
  type HistoryEntry,
  type Shortcuts,
  type UpdateView,
} from '../../shared/ipc/contract.js';
import { MAX_CALL_TIMEOUT_S } from '../../shared/protocol/hub.js';
import { DEFAULT_AUDIO_SETTINGS, type AudioSettings, type MediaPath, type MediaToRenderer } from '../../shared/ipc/media.js';

/**
 * The shortest time between two states told to the renderers while changes other than calls keep
 * coming: the call log, notices and people then update ten times a second, as fast as one reads.
 */
const ANNOUNCE_INTERVAL_MS = 100;

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
  /** Environment to read SWITCHBOARD_HUB_SECRET and SWITCHBOARD_HUB_TOKEN from. */
  env?: NodeJS.ProcessEnv;
  /** The global shortcuts, where the front end has them (the desktop app); absent in browser mode. */
  shortcuts?: Shortcuts;
  /** The call log's database file (history and callbacks); absent: kept in memory for this run. */
  historyPath?: string;
  /** History entries kept (default 10,000). */
  historyRetention?: number;
  /** How to trust a wss:// hub; absent: SWITCHBOARD_HUB_CA / SWITCHBOARD_HUB_FINGERPRINT of `env`, else the system's CAs. */
  hubTrust?: HubTrust;
  /** Audio devices and the second-call setting, as saved last time. */
  audio?: AudioSettings;
  /** Priority callers, as saved last time (AppState.priorityCallers). */
  priorityCallers?: readonly string[];
  /** The app's updates, where it updates itself (the desktop app); absent in browser mode. */
  updates?: UpdatesPort;
}

/** What the softphone shows of updates and passes on to them: update/controller.ts. */
export interface UpdatesPort {
  readonly view: UpdateView;
  onChange(listener: () => void): () => void;
  setAutoCheck(enabled: boolean): void;
  /** Throws when there is nothing to install. */
  restartToUpdate(): void;
  /** Told on every change whether the lines are free (no call at all): an update installs only then. */
  linesChanged(free: boolean): void;
}

export interface Softphone {
  readonly state: AppState;
  /** The hub this softphone talks to (its own in-process hub when none was given). */
  readonly hubUrl: string;
  onState(listener: (state: AppState) => void): () => void;
  /** Media messages for the renderer that carries the audio (shared/ipc/media.ts). */
  onMediaSignal(listener: (message: MediaToRenderer) => void): () => void;
  /** A media message from that renderer; validated, never throws. */
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
  const retention = options.historyRetention ?? DEFAULT_HISTORY_RETENTION;
  if (!Number.isInteger(retention) || retention < 1 || retention > HISTORY_RETENTION_MAX) {
    throw new Error(`the history limit must be a whole number from 1 to ${HISTORY_RETENTION_MAX}, not ${retention}`);
  }
  const hubUrl = options.hubUrl === undefined ? undefined : parseHubUrl(options.hubUrl);
  const priorityCallers = new PriorityCallers(options.priorityCallers);
  // ZIM has tokens of its own, from its token endpoint.
  const hubToken = options.zim ? null : resolveHubToken(options.env ?? process.env, hubUrl !== undefined);
  // The in-process hub is this process's own, over loopback: a CA or pin (SWITCHBOARD_HUB_CA or
  // _FINGERPRINT, set for a wss:// hub elsewhere) has no certificate of it to check.
  const inProcess = hubUrl === undefined && !options.zim;
  options = { ...options, hubTrust: inProcess ? undefined : (options.hubTrust ?? resolveHubTrust({}, options.env ?? process.env)) };
  const secretWarnings: string[] = [];
  const secret = resolveHubSecret(options.dataDir, options.env, (text) => secretWarnings.push(text));
  const knownUsersFile = join(options.dataDir, KNOWN_USERS_FILE);
  const hub = hubUrl || options.zim ? null : await startHub({ secret, log: options.log, knownUsersFile });
  const server = options.zim ? `ZEGOCLOUD (AppID ${options.zim.appID})` : (hubUrl ?? hub!.url);
  const softphone = new SoftphoneService(server, hub, hubToken ?? { secret }, limits, priorityCallers, options);
  for (const text of secretWarnings) softphone.warn(text);
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
  readonly #signer: HubSigner;
  readonly #options: SoftphoneOptions;
  readonly #listeners = new Set<(state: AppState) => void>();
  /** The last state told to the listeners, and when (#announce). */
  #announced: AppState | null = null;
  #announcedAt = -Infinity;
  /** Set while an announcement is scheduled: cancels it. It runs at #announceAt (performance.now()). */
  #cancelAnnouncement: (() => void) | null = null;
  #announceAt = Infinity;
  #disposed = false;
  readonly #mediaListeners = new Set<(message: MediaToRenderer) => void>();
  #limits: { incoming: number; outgoing: number };
  #dnd = false;
  readonly #priorityCallers: PriorityCallers;
  #shortcuts: Shortcuts | null;
  #client: SignalingPort | null = null;
  #manager: CallManager | null = null;
  #directory: PeopleDirectory | null = null;
  #blockList: BlockList | null = null;
  #media: MediaRelay | null = null;
  /** A sign-out under way (#signOut). */
  #signingOut: Promise<void> | null = null;
  #audio: AudioSettings;
  #connection: ConnectionView;
  readonly #notices = new NoticeBoard(() => this.#emit());
  readonly #outcomes = new RecentOutcomes(() => this.#emit());
  readonly #history: CallHistory;
  #state: AppState;
  /** The state changed since #state was made: the next read makes a new one (#snapshot queries the call log). */
  #stale = false;
  readonly #stopUpdates: () => void;

  constructor(
    hubUrl: string,
    hub: RunningHub | null,
    signer: HubSigner,
    limits: { incoming: number; outgoing: number },
    priorityCallers: PriorityCallers,
    options: SoftphoneOptions,
  ) {
    this.hubUrl = hubUrl;
    this.#hub = hub;
    this.#signer = signer;
    this.#limits = limits;
    this.#priorityCallers = priorityCallers;
    this.#options = options;
    this.#shortcuts = options.shortcuts ?? null;
    this.#audio = options.audio ?? DEFAULT_AUDIO_SETTINGS;
    this.#connection = { status: 'signed-out', hubUrl, error: null, retryAt: null };
    const startWarnings: string[] = [];
    this.#history = new CallHistory({
      path: options.historyPath ?? null,
      retention: options.historyRetention,
      exportDir: options.historyPath ? dirname(options.historyPath) : options.dataDir,
      warn: (text) => (this.#state ? this.warn(text) : startWarnings.push(text)),
    });
    this.#state = this.#snapshot(0);
    this.#stopUpdates = options.updates?.onChange(() => this.#emit()) ?? (() => undefined);
    for (const text of startWarnings) this.warn(text);
  }

  get state(): AppState {
    if (this.#stale) {
      this.#stale = false;
      this.#state = this.#snapshot(this.#state.version + 1);
    }
    return this.#state;
  }

  onState(listener: (state: AppState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  onMediaSignal(listener: (message: MediaToRenderer) => void): () => void {
    this.#mediaListeners.add(listener);
    return () => this.#mediaListeners.delete(listener);
  }

  sendMediaSignal(input: unknown): void {
    const user = this.#manager?.userID;
    const zim = this.#options.zim;
    const express = handleExpressMessage(input, {
      token: zim && user ? () => httpTokenProvider(zim.tokenUrl, undefined, 'express')(user) : null,
      roomLeft: (callID, userID) => this.#manager?.mediaPeerLeft(callID, userID),
      deliver: (message) => this.#deliverMedia(message),
      log: (line) => this.#options.log?.(line),
    });
    if (!express) this.#media?.send(input);
  }

  #deliverMedia(message: MediaToRenderer): void {
    // The renderer accepts a signal only from a peer its state shows in the call: that state first.
    this.#announce();
    for (const listener of this.#mediaListeners) listener(message);
  }

  /** ZEGO Express on the ZIM backend, as ZEGO's call kits carry audio; WebRTC over the hub otherwise. */
  #mediaPath(): MediaPath {
    const zim = this.#options.zim;
    return zim ? { kind: 'zego-express', appID: zim.appID, server: expressServerFor(zim.appID) } : { kind: 'webrtc' };
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
    } finally {
      // What the command changed reaches the renderers before its result, as a renderer expects.
      this.#announce();
    }
  }

  warn(text: string): void {
    this.#notices.add('warning', text);
  }

  async dispose(): Promise<void> {
    this.#stopUpdates();
    await this.#signOut();
    this.#notices.dispose();
    this.#outcomes.dispose();
    this.#listeners.clear();
    this.#history.close();
    this.#mediaListeners.clear();
    await this.#hub?.close();
    // Late work (a flush's warning, a sync that was under way) changes nothing that anyone hears.
    this.#disposed = true;
    this.#cancelAnnouncement?.();
    this.#cancelAnnouncement = null;
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
      case 'setPriorityCaller':
        if (command.priority && command.userID === this.#manager?.userID) {
          throw new CommandError(`${command.userID} is you: your own calls never ring here`);
        }
        if (command.priority && this.#blockList?.users.includes(command.userID)) {
          throw new CommandError(`${command.userID} is blocked: their calls never reach you; unblock them first`);
        }
        if (this.#priorityCallers.set(command.userID, command.priority)) this.#emit();
        return;
      case 'setShortcuts':
        if (this.#shortcuts === null) throw new CommandError('Global shortcuts exist only in the desktop app');
        this.#shortcuts = { accept: command.accept, decline: command.decline };
        return this.#emit();
      case 'setAutoUpdate':
        return this.#updates().setAutoCheck(command.enabled);
      case 'restartToUpdate':
        try {
          return this.#updates().restartToUpdate();
        } catch (error) {
          throw new CommandError(errorMessage(error));
        }
      case 'dismissNotice':
        return this.#notices.dismiss(command.id);
      case 'setHistoryView':
        this.#history.setView(command.filter, command.search);
        return this.#emit();
      case 'exportHistory':
        return this.#notices.add('info', `History exported to ${await this.#history.exportCsv()}`);
      case 'callBack':
        return this.#signedIn().dial(command.userID, { callback: true });
      case 'dismissCallback':
        this.#history.dismiss(command.userID);
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
      case 'block':
        return this.#blocking().block(command.userID);
      case 'unblock':
        return this.#blocking().unblock(command.userID);
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

  #updates(): UpdatesPort {
    if (!this.#options.updates) throw new CommandError('Only the desktop app updates itself');
    return this.#options.updates;
  }

  #signedIn(): CallManager {
    if (!this.#manager) throw new CommandError('Sign in first');
    return this.#manager;
  }

  /**
   * Blocking wins over priority, whenever the block list is read: after a block here, and at every
   * sign-in (which also brings blocks made on another device): a blocked priority caller would look
   * as if they still rang through.
   */
  #blockListChanged(blocked: readonly string[]): void {
    for (const userID of blocked) {
      if (this.#priorityCallers.set(userID, false)) this.#notices.add('info', `${userID} is no longer a priority caller: blocked callers never ring`);
    }
    this.#emit();
  }

  #blocking(): BlockList {
    if (!this.#blockList) throw new CommandError('Sign in first');
    return this.#blockList;
  }

  #signIn(userID: string): void {
    if (this.#manager) throw new CommandError(`Already signed in as ${this.#manager.userID}; sign out first`);
    const zim = this.#options.zim;
    const client = zim
      ? new ZimClient({ appID: zim.appID, userID, token: httpTokenProvider(zim.tokenUrl), log: this.#options.log })
      : new HubClient({ url: this.hubUrl, userID, token: hubTokenFor(this.#signer, userID), log: this.#options.log, trust: this.#options.hubTrust });
    this.#client = client;
    this.#manager = new CallManager(
      client,
      {
        changed: () => this.#emit(),
        notice: (kind, text) => this.#notices.add(kind, text),
        history: (entry, endedHere) => {
          this.#history.record(entry);
          this.#outcomes.record(entry, { peerOffline: this.#directory?.presenceOf(entry.peer) === 'offline', endedHere });
          this.#directory?.add(peopleOf(entry));
        },
        callbackPosition: (peer) => this.#history.position(peer),
      },
      {
        userID, limits: this.#limits, dnd: this.#dnd, callTimeoutS: this.#options.callTimeoutS, secondCall: this.#audio.secondCall,
        expressRooms: zim !== undefined, log: this.#options.log, isPriority: (caller) => this.#priorityCallers.has(caller),
      },
    );
    const manager = this.#manager;
    this.#media = new MediaRelay(
      client,
      manager,
      (message) => this.#deliverMedia(message),
      (line) => this.#options.log?.(line),
    );
    this.#directory = new PeopleDirectory(client, userID, () => this.#emit(), this.#options.log);
    this.#directory.add([...this.#history.state.history.flatMap(peopleOf), ...this.#history.state.callbacks.map((entry) => entry.peer)]);
    const blockList = new BlockList(client, () => this.#blockListChanged(blockList.users), this.#options.log);
    this.#blockList = blockList;
    client.onStatus((status) => {
      this.#connection = connectionView(this.hubUrl, status);
      this.#emit();
      if (status.status === 'online') void blockList.sync();
      // Refused for good (a user ID or token the backend will not take): back to the sign-in
      // screen with the reason, rather than a board no call can reach.
      if (status.status === 'offline' && status.final) void this.#signOut(status.error);
    });
    this.#connection = connectionView(this.hubUrl, client.status);
    this.#emit();
  }

  /** `reason`: why the backend signed this user out, for the sign-in screen; none when the user chose to. */
  async #signOut(reason: string | null = null): Promise<void> {
    // One at a time: the backend's refusal can come while the user's own sign-out is ending the calls.
    this.#signingOut ??= this.#endSession(reason).finally(() => (this.#signingOut = null));
    return this.#signingOut;
  }

  async #endSession(reason: string | null): Promise<void> {
    const manager = this.#manager;
    const client = this.#client;
    if (!manager || !client) return;
    await manager.endAll();
    manager.dispose();
    this.#directory?.dispose();
    this.#directory = null;
    this.#media?.dispose();
    this.#media = null;
    client.close();
    this.#manager = null;
    this.#client = null;
    this.#blockList = null;
    this.#connection = { status: 'signed-out', hubUrl: this.hubUrl, error: reason, retryAt: null };
    this.#emit();
  }

  #emit(): void {
    const calls = this.#manager?.calls ?? [];
    this.#history.observeCalls(calls, this.#limits.incoming);
    this.#outcomes.supersede(calls.map((call) => call.peer));
    if (this.#directory) {
      // A group call's peer is a list of names ("bob, carol"); its participants are the people.
      this.#directory.add(calls.flatMap((call) => call.participants.map((participant) => participant.userID)));
      this.#directory.publish({ lines: calls.length, of: this.#limits.incoming, dnd: this.#dnd });
    }
    this.#stale = true;
    this.#options.updates?.linesChanged(calls.length === 0);
    this.#scheduleAnnouncement(calls);
  }

  /**
   * The listeners (each renderer's IPC, the tray) hear the newest state at the end of the turn
   * that changed one of the user's calls (callsChanged), and otherwise (the call log, notices,
   * people, the connection) at most once per ANNOUNCE_INTERVAL_MS while changes keep coming. A flood of
   * invitations turned away, each one a change but none a call of the user's, then costs one
   * snapshot (a query of the call log) and one render every 100 ms, not one per invitation.
   */
  #scheduleAnnouncement(calls: readonly CallView[]): void {
    if (this.#disposed) return;
    const now = performance.now();
    const urgent = this.#announced === null || callsChanged(this.#announced.calls, calls);
    const at = urgent ? now : Math.max(now, this.#announcedAt + ANNOUNCE_INTERVAL_MS);
    if (this.#cancelAnnouncement && this.#announceAt <= at) return;
    this.#cancelAnnouncement?.();
    this.#announceAt = at;
    if (at <= now) {
      const handle = setImmediate(() => this.#announce());
      this.#cancelAnnouncement = () => clearImmediate(handle);
    } else {
      const handle = setTimeout(() => this.#announce(), at - now);
      this.#cancelAnnouncement = () => clearTimeout(handle);
    }
  }

  /** Tells the listeners the newest state now, if it is waiting to be told. */
  #announce(): void {
    if (!this.#cancelAnnouncement) return;
    this.#cancelAnnouncement();
    this.#cancelAnnouncement = null;
    const state = this.state;
    this.#announced = state;
    this.#announcedAt = performance.now();
    for (const listener of this.#listeners) {
      try {
        listener(state);
      } catch (error) {
        this.#options.log?.(`a state listener failed: ${errorMessage(error)}`);
      }
    }
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
      notices: this.#notices.notices,
      outcomes: this.#outcomes.outcomes,
      ...this.#history.state,
      people: this.#directory?.people ?? [],
      blocked: [...(this.#blockList?.users ?? [])],
      priorityCallers: this.#priorityCallers.users,
      ...(this.#options.updates ? { updates: this.#options.updates.view } : {}),
      audio: this.#audio,
      mediaPath: this.#mediaPath(),
    };
  }
}

/** The people a history entry is with: its peer names one person, or several separated by commas. */
function peopleOf(entry: Pick<HistoryEntry, 'peer'>): string[] {
  return entry.peer.split(',').map((name) => name.trim()).filter((name) => name !== '');
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

/** Whether a call came, went, changed phase, gained or lost a participant, or was held or muted. */
function callsChanged(before: readonly CallView[], after: readonly CallView[]): boolean {
  return before.length !== after.length || after.some((call, index) => !sameCall(before[index]!, call));
}

function sameCall(a: CallView, b: CallView): boolean {
  return (
    a.callID === b.callID &&
    a.phase === b.phase &&
    a.answering === b.answering &&
    a.participants.length === b.participants.length &&
    a.participants.every((person, index) => person.userID === b.participants[index]!.userID && person.state === b.participants[index]!.state) &&
    a.media.held === b.media.held &&
    a.media.muted === b.media.muted &&
    a.media.room === b.media.room &&
    a.media.heldBy.join() === b.media.heldBy.join() &&
    a.media.waitingSince === b.media.waitingSince
  );
}
