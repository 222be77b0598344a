/**
 * The CallManager: one per signed-in user. It decides admission exactly as the reference flow
 * (docs/zim-semantics.md, "Reference flows") does:
 *
 * - an incoming invitation rings only while ongoing calls < the incoming limit; otherwise it is
 *   turned away with the busy reason (Admission, admission.ts, which the CallManager owns, says how);
 * - an outgoing call is placed only while ongoing outgoing calls < the outgoing limit, and holds
 *   its line from the moment it is dialled.
 *
 * "Ongoing calls" is the size of the map of live calls, never a counter: every path that ends a
 * call goes through #finish, which deletes its entry, so no path can leave a line stuck busy.
 * A call, 1v1 or group, holds one line and lasts while anyone else is still in it.
 */
import { encodeDecline } from '../../../shared/calls/busy.js';
import { CallMode } from '../../../shared/calls/enums.js';
import { encodeKitInvitation } from '../../../shared/calls/zegoKit.js';
import type { CallOutcome, CallView, HistoryEntry, NoticeKind } from '../../../shared/ipc/contract.js';
import type { SecondCallAction } from '../../../shared/ipc/media.js';
import { HubError, ZimErrorCode, errorMessage } from '../../../shared/protocol/errors.js';
import { DEFAULT_CALL_TIMEOUT_S, type ErrorUserInfo } from '../../../shared/protocol/hub.js';
import type { SignalingPort } from '../signaling/port.js';
import { Admission } from './admission.js';
import { CallProgress } from './callProgress.js';
import { DroppedCalls } from './droppedCalls.js';
import { EarlyEvents } from './earlyEvents.js';
import { callView, canAddPeople, canLeave, generalCallOver, isGroup, updateWaiting, type LiveCall } from './liveCall.js';
import { systemTimers, type Timers } from '../timers.js';
import { KeptCalls } from './lostConnection.js';
import { answeredWording, CONNECTION_LOST, describePhase, formatDuration, MISSED_SIGNED_OUT, plural, refusalText, SIGNED_IN_ELSEWHERE, tooSoon, unknownUsers } from './wording.js';

/** An error whose message is meant for the user who issued the command. */
export class CommandError extends Error {
  override name = 'CommandError';
}

export interface CallManagerSink {
  /** The live calls or the history changed. */
  changed(): void;
  notice(kind: NoticeKind, text: string): void;
  /**
   * Records how a call ended; followed by changed(). `endedHere`: this user ended it (hung up,
   * left, declined, or did so on another device), so nobody needs telling that it ended.
   */
  history(entry: Omit<HistoryEntry, 'id'>, endedHere: boolean): void;
  /**
   * Where a caller just turned away stands in this user's Callbacks list (asked right after
   * their history entry was recorded), for the busy answer; null or absent: not said.
   */
  callbackPosition?(peer: string): number | null;
}

export interface CallManagerOptions {
  userID: string;
  limits: { incoming: number; outgoing: number };
  dnd?: boolean;
  callTimeoutS?: number;
  /** Answering a call while another is connected holds that one (the default) or ends it. */
  secondCall?: SecondCallAction;
  /** The ZIM backend: each call's view names its ZEGO Express room (CallMediaView.room). */
  expressRooms?: boolean;
  /** Whose calls ring through do not disturb and full lines (AppState.priorityCallers); asked as each rings. */
  isPriority?: (userID: string) => boolean;
  now?: () => number;
  /** A clock that never steps (performance.now() by default), for how long a call lasted. */
  tick?: () => number;
  /** The reconnect grace's timer (real timers by default; lostConnection.ts). */
  timers?: Timers;
  log?: (line: string) => void;
}

export class CallManager {
  readonly #port: SignalingPort;
  readonly #sink: CallManagerSink;
  readonly #userID: string;
  readonly #now: () => number;
  readonly #log: (line: string) => void;
  readonly #callTimeoutS: number;
  readonly #expressRooms: boolean;
  readonly #calls = new Map<string, LiveCall>();
  readonly #disposers: Array<() => void> = [];
  /** Events about calls not known yet, kept while a dial is in flight (earlyEvents.ts). */
  readonly #early = new EarlyEvents(this.#calls);
  /** Calls dropped with the connection, to leave on the hub once it is back. */
  readonly #dropped: DroppedCalls;
  /** The calls kept through a lost connection, and what waits for the hub meanwhile. */
  readonly #kept: KeptCalls;
  /** Whether each invitation rings, is turned away as busy, or is declined. */
  readonly #admission: Admission;
  /** What each event about a call under way means to this user. */
  readonly #progress: CallProgress;
  #limits: { incoming: number; outgoing: number };
  #dnd: boolean;
  readonly #isPriority: (userID: string) => boolean;
  readonly #tick: () => number;
  #secondCall: SecondCallAction;
  #nextLocalId = 1;

  constructor(port: SignalingPort, sink: CallManagerSink, options: CallManagerOptions) {
    this.#port = port;
    this.#sink = sink;
    this.#userID = options.userID;
    this.#limits = { ...options.limits };
    this.#dnd = options.dnd ?? false;
    this.#isPriority = options.isPriority ?? (() => false);
    this.#secondCall = options.secondCall ?? 'hold';
    this.#callTimeoutS = options.callTimeoutS ?? DEFAULT_CALL_TIMEOUT_S;
    this.#expressRooms = options.expressRooms ?? false;
    this.#now = options.now ?? Date.now;
    this.#tick = options.tick ?? (() => performance.now());
    this.#log = options.log ?? (() => {});
    this.#dropped = new DroppedCalls(port, this.#userID, (what, send) => this.#bestEffort(what, send));
    this.#kept = new KeptCalls({
      port, userID: this.#userID, timers: options.timers ?? systemTimers, now: this.#now, log: this.#log, dropped: this.#dropped,
      calls: this.#calls,
      finish: (callID, outcome, detail) => this.#finish(callID, outcome, detail),
      userStateChanged: (data) => this.#progress.onUserStateChanged(data),
      ownStateChanged: (call, change) => this.#progress.onOwnState(call, change),
      invitationReceived: (data) => this.#admission.onReceived(data),
      changed: () => this.#sink.changed(),
    });
    this.#admission = new Admission({
      port, userID: this.#userID, now: this.#now, tick: this.#tick, log: this.#log,
      calls: this.#calls,
      dnd: () => this.#dnd,
      incomingLimit: () => this.#limits.incoming,
      isPriority: this.#isPriority,
      holdBack: (data) => this.#kept.holdBack(data),
      ring: (call) => {
        this.#calls.set(call.callID, call);
        this.#sink.changed();
      },
      sink,
      bestEffort: (what, send) => this.#bestEffort(what, send),
    });
    this.#progress = new CallProgress({
      port, userID: this.#userID, calls: this.#calls, early: this.#early,
      finish: (callID, outcome, detail, endedHere) => this.#finish(callID, outcome, detail, endedHere),
      connect: (call) => this.#connect(call, 'hold'),
      lasted: (call) => this.#lasted(call),
      now: () => this.#now(),
      sink,
      bestEffort: (what, send) => this.#bestEffort(what, send),
    });
    this.#disposers.push(
      port.on('callInvitationReceived', (data) => this.#admission.onReceived(data)),
      port.on('callInvitationCancelled', (data) => this.#progress.onCancelled(data)),
      port.on('callInvitationTimeout', (data) => this.#progress.onTimeout(data)),
      port.on('callInvitationEnded', (data) => this.#progress.onEnded(data)),
      port.on('callUserStateChanged', (data) => this.#progress.onUserStateChanged(data)),
      port.onStatus((status) => {
        if (status.status === 'signed-in-elsewhere') this.#kept.dropAll(SIGNED_IN_ELSEWHERE);
        else if (status.status === 'offline') this.#kept.connectionLost(status.final === true);
        else if (status.status === 'closed') this.#kept.dropAll(CONNECTION_LOST);
        else if (status.status === 'online') this.#kept.backOnline();
      }),
    );
  }

  get userID(): string {
    return this.#userID;
  }

  get limits(): { incoming: number; outgoing: number } {
    return { ...this.#limits };
  }

  get dnd(): boolean {
    return this.#dnd;
  }

  /** Lines in use: live calls in both directions, ringing or connected. */
  get ongoing(): number {
    return this.#calls.size;
  }

  get calls(): CallView[] {
    return [...this.#calls.values()].map((call) => callView(call, this.#expressRooms, this.#kept.adrift));
  }

  setSecondCall(action: SecondCallAction): void {
    this.#secondCall = action;
  }

  /** The others a connected call carries audio with (everyone joined), or null for no such call. */
  mediaPeers(callID: string): string[] | null {
    const call = this.#calls.get(callID);
    if (call?.phase !== 'connected') return null;
    return [...call.participants].filter(([, state]) => state === 'joined').map(([userID]) => userID);
  }

  /** Another member's offer said whether they hold this user (calls/mediaRelay.ts). */
  heldByPeer(callID: string, userID: string, held: boolean): void {
    const call = this.#calls.get(callID);
    if (call?.phase !== 'connected' || call.heldBy.has(userID) === held) return;
    if (held) call.heldBy.add(userID);
    else call.heldBy.delete(userID);
    updateWaiting(call, this.#now());
    this.#sink.changed();
  }

  /**
   * A member left the call's ZEGO Express room, as the renderer saw it. For a call a ZEGO call kit
   * placed, that is the kit user hanging up: a web kit in general mode (its default) tells ZIM
   * nothing, so the room is the only witness (docs/protocol.md, "A kit user hangs up"). Other
   * calls learn of leaves from ZIM, which stays the one source for them.
   */
  mediaPeerLeft(callID: string, userID: string): void {
    const call = this.#calls.get(callID);
    if (call?.phase !== 'connected' || !call.fromKit || call.participants.get(userID) !== 'joined') {
      this.#log(`ignored ${userID} leaving the media room of call ${callID}: not a connected kit call with them in it`);
      return;
    }
    this.#log(`${userID} left the media room of kit call ${callID}: taken as hanging up`);
    call.participants.set(userID, 'left');
    this.#progress.afterParticipantsChanged(call);
  }

  setLimits(limits: { incoming?: number; outgoing?: number }): void {
    // Lowering a limit never drops a call already in progress; it applies to the next one.
    this.#limits = { incoming: limits.incoming ?? this.#limits.incoming, outgoing: limits.outgoing ?? this.#limits.outgoing };
    this.#sink.changed();
  }

  setDnd(enabled: boolean): void {
    this.#dnd = enabled;
    this.#sink.changed();
  }

  // ---- commands ----

  /** Calls one person; `callback` marks it as a call-back, which their softphone shows. */
  dial(callee: string, options: { callback?: boolean } = {}): Promise<void> {
    return this.#place([callee], options.callback ?? false);
  }

  dialGroup(callees: string[]): Promise<void> {
    const unique = [...new Set(callees)];
    if (unique.length < 2) throw new CommandError('A group call needs at least two other people');
    return this.#place(unique, false);
  }

  async #place(callees: string[], callback: boolean): Promise<void> {
    const names = callees.join(', ');
    if (callees.includes(this.#userID)) throw new CommandError('You cannot call yourself');
    if (this.#port.status.status !== 'online') throw new CommandError(`Cannot call ${names}: not connected`);
    const outgoing = this.#countOutgoing();
    if (outgoing >= this.#limits.outgoing) {
      throw new CommandError(
        `Cannot call ${names}: outgoing limit reached (${outgoing} of ${this.#limits.outgoing} outgoing ${plural(this.#limits.outgoing, 'call')}); ` +
          'end a call you placed, or raise the outgoing limit in Settings',
      );
    }
    const now = this.#now();
    const localId = `local-${this.#nextLocalId++}`;
    const room = `call_${this.#userID}_${now}_${localId}`;
    // The line is taken before the invitation leaves (reference flow, step 3).
    const call: LiveCall = {
      callID: localId, direction: 'outgoing', peer: names, phase: 'dialing', mode: CallMode.Advanced,
      participants: new Map(callees.map((callee) => [callee, 'ringing'])),
      startedAt: now, since: now, sinceTick: this.#tick(), expiresAt: null, answering: false, ownAnswer: null, cancelRequested: false, callback, priority: false, fromKit: false, room,
      held: false, heldSince: 0, muted: false, heldBy: new Set(), waitingSince: null, invitedHere: new Set(callees), delivery: new Map(), added: new Set(), placedAsGroup: callees.length > 1,
    };
    this.#calls.set(localId, call);
    this.#sink.changed();
    let sent: { callID: string; timeout: number; errorUserList: ErrorUserInfo[] };
    this.#early.dialStarted();
    try {
      sent = await this.#port.request('callInvite', {
        invitees: callees,
        // In the call kits' shape, which ZEGO's kits need to show (or refuse) the call.
        // The not-received check also reports a callee whose every device went away while ringing.
        config: {
          mode: CallMode.Advanced, timeout: this.#callTimeoutS, extendedData: this.#kitInvitation(callees, room, callback),
          enableNotReceivedCheck: true,
        },
      });
    } catch (error) {
      this.#early.dialDone();
      this.#finish(localId, 'failed', 'could not be placed');
      if (error instanceof HubError && error.code === ZimErrorCode.CallInviteUserDoesNotExist) {
        throw new CommandError(`${unknownUsers(callees)} ever signed in`);
      }
      if (error instanceof HubError && error.code === ZimErrorCode.FrequencyLimit) throw new CommandError(`Cannot call ${names} yet: ${tooSoon(error.retryAfterMs)}`);
      throw new CommandError(`Cannot call ${names}: ${errorMessage(error)}`);
    }
    const early = this.#early.take(sent.callID);
    this.#early.dialDone();
    if (this.#calls.get(localId) !== call) {
      // Dropped meanwhile (connection lost); do not leave anyone ringing.
      this.#bestEffort('callCancel', () => this.#port.request('callCancel', { invitees: [], callID: sent.callID, config: {} }));
      return;
    }
    for (const { userID } of sent.errorUserList) call.participants.delete(userID);
    if (sent.errorUserList.length > 0) {
      call.peer = [...call.participants.keys()].join(', ');
      this.#sink.notice('error', `${refusalText(sent.errorUserList)}; calling the others`);
    }
    this.#calls.delete(localId);
    call.callID = sent.callID;
    this.#calls.set(sent.callID, call);
    call.phase = 'calling';
    call.since = this.#now();
    call.sinceTick = this.#tick();
    call.expiresAt = call.since + sent.timeout * 1000;
    this.#sink.changed();
    for (const replay of early) replay();
    if (call.cancelRequested && this.#calls.get(sent.callID) === call) await this.cancel(sent.callID);
  }

  async cancel(callID: string): Promise<void> {
    const call = this.#require(callID, 'cancel');
    if (call.direction !== 'outgoing' || call.phase === 'connected') {
      throw new CommandError(`Cannot cancel the call with ${call.peer}: it is ${describePhase(call.phase)}`);
    }
    if (call.phase === 'dialing') {
      call.cancelRequested = true;
      return;
    }
    if (this.#kept.graceRunning) {
      // The invitation rings on at the hub meanwhile: cancelled there once back.
      this.#dropped.remember(call, isGroup(call));
      this.#finish(callID, 'cancelled', 'cancelled', true);
      return;
    }
    try {
      // An empty list cancels everyone who has not answered.
      await this.#port.request('callCancel', { invitees: [], callID, config: {} });
    } catch (error) {
      if (error instanceof HubError && error.code === ZimErrorCode.CallCancelAfterAccept) {
        // Their answer came in before this reply; in a group, the others may still be ringing.
        const answered = [...call.participants].filter(([, state]) => state === 'joined').map(([userID]) => userID);
        if (answered.length === 0) throw new CommandError(`${call.peer} has already answered`);
        throw new CommandError(`${answered.join(', ')} ${answered.length === 1 ? 'has' : 'have'} already answered`);
      }
      // Otherwise the invitation is gone already (timed out, ended); the line is freed all the same.
      this.#log(`callCancel ${callID}: ${errorMessage(error)}`);
    }
    this.#finish(callID, 'cancelled', 'cancelled', true);
  }

  async accept(callID: string): Promise<void> {
    const call = this.#require(callID, 'accept');
    if (call.direction !== 'incoming' || call.phase !== 'ringing') {
      throw new CommandError(`Cannot accept the call from ${call.peer}: it is ${describePhase(call.phase)}`);
    }
    // Accept pressed again (in another window) while the first is on its way: that one answers.
    if (call.answering) return;
    this.#requireHub(call, 'answer');
    call.answering = true;
    this.#sink.changed();
    try {
      await this.#port.request('callAccept', { callID, config: {} });
    } catch (error) {
      call.answering = false;
      this.#sink.changed();
      // Another device of this user answered first: the call goes on there, so it was not missed.
      const elsewhere = call.ownAnswer && answeredWording[call.ownAnswer.state];
      if (elsewhere && this.#calls.get(callID) === call) {
        this.#progress.onOwnState(call, call.ownAnswer);
        throw new CommandError(`The call from ${call.peer} was ${elsewhere} on another device`);
      }
      this.#finish(callID, 'missed', 'missed: the call ended before it was answered');
      throw new CommandError(`The call from ${call.peer} has ended: ${errorMessage(error)}`);
    }
    if (this.#calls.get(callID) !== call) return;
    if (generalCallOver(call)) {
      this.#finish(callID, 'answered', 'answered; the hub ends a general-mode call once nobody is left to answer');
      return;
    }
    this.#connect(call, this.#secondCall);
  }

  async decline(callID: string): Promise<void> {
    const call = this.#require(callID, 'decline');
    if (call.direction !== 'incoming' || call.phase !== 'ringing') {
      throw new CommandError(`Cannot decline the call from ${call.peer}: it is ${describePhase(call.phase)}`);
    }
    // The hub may take the answer first; a decline would then drop here a call that goes on there.
    if (call.answering) throw new CommandError(`Cannot decline the call from ${call.peer}: it is being answered`);
    this.#requireHub(call, 'decline');
    this.#finish(callID, 'declined', 'declined', true);
    this.#bestEffort('callReject', () => this.#port.request('callReject', { callID, config: { extendedData: encodeDecline() } }));
  }

  /** Ends a connected call for everyone in it. */
  async hangUp(callID: string): Promise<void> {
    const call = this.#requireConnected(callID, 'hang up');
    const detail = canLeave(call) ? 'you ended the call for everyone' : 'you hung up';
    this.#finish(callID, 'answered', `${detail} after ${this.#lasted(call)}`, true);
    this.#leaveOnHub(call, 'callEnd');
  }

  /** Leaves a connected call, which goes on for the others; for a 1v1 call the same as hanging up. */
  async leave(callID: string): Promise<void> {
    const call = this.#requireConnected(callID, 'leave');
    if (!isGroup(call)) return this.hangUp(callID);
    // Leaving the person this call was with to someone this user brought in: a hand-over.
    const joined = (userID: string): boolean => call.participants.get(userID) === 'joined';
    const takers = [...call.added].filter(joined);
    const after = this.#lasted(call);
    const detail = joined(call.peer) && takers.length > 0 ? `you handed the call over to ${takers.join(', ')} after ${after}` : `you left after ${after}`;
    this.#finish(callID, 'answered', detail, true);
    this.#leaveOnHub(call, 'callQuit');
  }

  /** Puts a connected call on hold: its audio stops both ways, and the others are told. */
  hold(callID: string): void {
    const call = this.#requireConnected(callID, 'hold');
    if (call.held) return;
    this.#requireHub(call, 'hold');
    this.#putOnHold(call);
    this.#sink.changed();
  }

  /** Takes a call off hold; the call that had the audio goes on hold instead (the swap). */
  resume(callID: string): void {
    const call = this.#requireConnected(callID, 'resume');
    if (!call.held) return;
    this.#requireHub(call, 'resume');
    for (const other of this.#calls.values()) if (other !== call && other.phase === 'connected') this.#putOnHold(other);
    call.held = false;
    this.#sink.changed();
  }

  setMuted(callID: string, muted: boolean): void {
    const call = this.#requireConnected(callID, muted ? 'mute' : 'unmute');
    if (call.muted === muted) return;
    call.muted = muted;
    this.#sink.changed();
  }

  /** Adds someone to a connected call (advanced mode). */
  async invite(callID: string, userID: string): Promise<void> {
    const call = this.#requireConnected(callID, 'add someone to');
    this.#requireHub(call, 'add someone to');
    if (!canAddPeople(call)) {
      throw new CommandError(call.fromKit ? "People cannot be added to a call kit's call" : 'People can be added only to an advanced-mode call');
    }
    if (userID === this.#userID) throw new CommandError('You are already in this call');
    if (call.participants.get(userID) === 'ringing' || call.participants.get(userID) === 'joined') {
      throw new CommandError(`${userID} is already in this call`);
    }
    let sent: { errorUserList: ErrorUserInfo[] };
    const before = call.participants.get(userID);
    // Before the request: a busy or offline answer can come before its reply.
    const invitedBefore = call.invitedHere.has(userID);
    call.invitedHere.add(userID);
    const forget = (): void => {
      if (!invitedBefore) call.invitedHere.delete(userID);
    };
    try {
      sent = await this.#port.request('callingInvite', { invitees: [userID], callID, config: {} });
    } catch (error) {
      forget();
      if (error instanceof HubError && error.code === ZimErrorCode.FrequencyLimit) throw new CommandError(`Cannot add ${userID} yet: ${tooSoon(error.retryAfterMs)}`);
      throw new CommandError(`Cannot add ${userID}: ${errorMessage(error)}`);
    }
    if (sent.errorUserList.length > 0) {
      forget();
      throw new CommandError(refusalText(sent.errorUserList));
    }
    call.added.add(userID);
    // Events can outrun the reply: one turned away at once (they block this user) is busy already.
    if (this.#calls.get(callID) !== call || call.participants.get(userID) !== before) return;
    call.participants.set(userID, 'ringing');
    this.#sink.changed();
  }

  /**
   * Ends every call properly so that peers see an end, not a timeout; for signing out and quitting.
   * A call still ringing is missed here (its caller waits in Callbacks) but left ringing elsewhere.
   */
  async endAll(): Promise<void> {
    const work: Array<Promise<unknown>> = [];
    for (const call of [...this.#calls.values()]) {
      if (call.phase === 'dialing') {
        call.cancelRequested = true;
      } else if (call.phase === 'calling') {
        work.push(this.cancel(call.callID).catch(() => {}));
      } else if (call.phase === 'ringing') {
        // Not declined: the invitation rings on at this user's other devices, as ZIM leaves it, and
        // a caller it reaches nowhere hears that this user went offline. One being answered is left
        // to the hub, which ends it for this user once they sign out.
        if (!call.answering) this.#finish(call.callID, 'missed', MISSED_SIGNED_OUT);
      } else {
        work.push(this.leave(call.callID));
      }
    }
    await Promise.all(work);
  }

  dispose(): void {
    this.#kept.dispose();
    for (const dispose of this.#disposers.splice(0)) dispose();
  }

  // ---- helpers ----

  /** The call now has the audio; the one that had it is held or ended, as `others` says. */
  #connect(call: LiveCall, others: SecondCallAction): void {
    for (const other of [...this.#calls.values()]) {
      if (other === call || other.phase !== 'connected' || other.held) continue;
      if (others === 'hold') this.#putOnHold(other);
      else this.leave(other.callID).catch((error: unknown) => this.#log(`ending ${other.callID} for the answered call failed: ${errorMessage(error)}`));
    }
    call.phase = 'connected';
    call.since = this.#now();
    call.sinceTick = this.#tick();
    call.expiresAt = null;
    call.answering = false;
    this.#sink.changed();
  }

  /** Removes a call — the only way a line is freed — and records how it ended. */
  #finish(callID: string, outcome: CallOutcome, detail: string, endedHere = false): void {
    const call = this.#calls.get(callID);
    if (!call) return;
    this.#calls.delete(callID);
    this.#sink.history(
      {
        callID, direction: call.direction, peer: call.peer, outcome, startedAt: call.startedAt, endedAt: this.#now(),
        detail: call.firstWith === undefined ? detail : `${detail} (first with ${call.firstWith})`,
        ...(call.callback ? { callback: true } : {}),
      },
      endedHere,
    );
    this.#sink.changed();
  }

  /** How long a call has been in its phase, as "2:03". */
  #lasted(call: LiveCall): string {
    return formatDuration(this.#tick() - call.sinceTick);
  }

  #bestEffort(what: string, send: () => Promise<unknown>): void {
    send().catch((error: unknown) => this.#log(`${what} failed: ${errorMessage(error)}`));
  }

  #require(callID: string, action: string): LiveCall {
    const call = this.#calls.get(callID);
    if (!call) throw new CommandError(`Cannot ${action} call ${callID}: there is no such call`);
    return call;
  }

  #requireConnected(callID: string, action: string): LiveCall {
    const call = this.#require(callID, action);
    if (call.phase !== 'connected') throw new CommandError(`Cannot ${action} the call with ${call.peer}: it is ${describePhase(call.phase)}`);
    return call;
  }

  #putOnHold(call: LiveCall): void {
    if (call.held) return;
    call.held = true;
    call.heldSince = this.#now();
  }

  /** What the others must hear of (hold, people added) waits for the connection a kept call lost. */
  #requireHub(call: LiveCall, action: string): void {
    if (this.#kept.adrift) throw new CommandError(`Cannot ${action} the call with ${call.peer} while reconnecting to the hub`);
  }

  /** Leaves a call this user ended on the hub; while the connection is lost, once it is back. */
  #leaveOnHub(call: LiveCall, method: 'callEnd' | 'callQuit'): void {
    if (this.#kept.graceRunning) this.#dropped.remember(call, method === 'callQuit');
    else this.#bestEffort(method, () => this.#port.request(method, { callID: call.callID, config: {} }));
  }

  #kitInvitation(callees: string[], room: string, callback: boolean): string {
    return encodeKitInvitation({ userID: this.#userID, name: this.#userID }, callees, room, this.#callTimeoutS, { callback });
  }

  #countOutgoing(): number {
    let count = 0;
    for (const call of this.#calls.values()) if (call.direction === 'outgoing') count += 1;
    return count;
  }
}
