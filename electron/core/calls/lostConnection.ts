/**
 * Calls kept through a lost connection to the hub. A conversation's audio flows peer to peer and
 * needs no hub, and an invitation can ring on, so a network blip or a hub restart should not end
 * them at once: KeptCalls, which the CallManager owns, keeps them for as long as the hub keeps this
 * user in them (its reconnect grace, hub/answer.ts, said at sign-in) while the HubClient
 * reconnects, and once back asks the hub which are still under way. Past the grace they end as
 * before, "the connection was lost".
 */
import { CallMode, CallState, CallUserState, isPending } from '../../../shared/calls/enums.js';
import type { CallOutcome, CallPhase } from '../../../shared/ipc/contract.js';
import { HubError, ZimErrorCode, errorMessage } from '../../../shared/protocol/errors.js';
import type { CallInfo, CallUserInfo, HubEvents } from '../../../shared/protocol/hub.js';
import type { SignalingPort } from '../signaling/port.js';
import type { Timers } from '../timers.js';
import type { DroppedCalls } from './droppedCalls.js';
import { isGroup, type LiveCall } from './liveCall.js';
import { participantChange, unansweredOutcome, type ParticipantChange } from './participants.js';
import { CONNECTION_LOST } from './wording.js';

/**
 * The call list is read in ZIM's largest pages, and so far back at most. The hub lists a user's last
 * 100 calls and, after them, every older call not yet ended: a kept call is found unless more than
 * 5,000 calls rang for the user during the loss.
 */
const KEPT_CALL_SEARCH = 100;
const KEPT_CALL_PAGES = 50;
/** Times a softphone back online asks the hub about the calls it kept, the waits between doubling from the first. */
const KEPT_CALL_CHECKS = 3;
const KEPT_CALL_RETRY_MS = 1000;

/** The grace: started by the first loss, as long as the backend keeps the user, stopped by the return; `expired` runs at its end. */
class ReconnectGrace {
  readonly #timers: Timers;
  readonly #expired: () => void;
  #timer: unknown = null;

  constructor(timers: Timers, expired: () => void) {
    this.#timers = timers;
    this.#expired = expired;
  }

  /** While it runs, connected calls are kept but the hub cannot be asked anything. */
  get running(): boolean {
    return this.#timer !== null;
  }

  /** Idempotent: the HubClient reports offline again after each failed attempt. */
  start(ms: number): void {
    if (this.#timer !== null) return;
    this.#timer = this.#timers.setTimer(() => {
      this.#timer = null;
      this.#expired();
    }, ms);
  }

  stop(): void {
    if (this.#timer !== null) this.#timers.clearTimer(this.#timer);
    this.#timer = null;
  }
}

/**
 * What the hub says of a kept call: this user is still in it (or still invited); it ended with
 * them in it (the others say how); or they are out of it (left for their lost connection, or the
 * call is not listed).
 */
interface KeptCallOnHub {
  standing: 'in' | 'ended' | 'out';
  /** This user's own state there, when the call is listed: another device may have answered it. */
  own: CallUserInfo | null;
  others: CallUserInfo[];
}

/**
 * Asks the hub about the kept calls, page after page of this user's calls, newest first, until it
 * has found them all: a busy line may have had a hundred calls turned away meanwhile.
 */
async function askHubAbout(port: SignalingPort, userID: string, callIDs: string[]): Promise<Map<string, KeptCallOnHub>> {
  const found = new Map<string, CallInfo>();
  let nextFlag = 0;
  for (let page = 0; page < KEPT_CALL_PAGES && found.size < callIDs.length; page += 1) {
    const reply = await port.request('queryCallInvitationList', { config: { count: KEPT_CALL_SEARCH, nextFlag } });
    for (const info of reply.callList) if (callIDs.includes(info.callID)) found.set(info.callID, info);
    if (reply.nextFlag === 0 || reply.callList.length === 0) break;
    nextFlag = reply.nextFlag;
  }
  const answers = new Map<string, KeptCallOnHub>();
  for (const callID of callIDs) {
    const info = found.get(callID);
    const own = info?.callUserList.find((user) => user.userID === userID);
    // In it, or still invited to it (an invitation that rang on meanwhile).
    if (!info || !own || (own.state !== CallUserState.Accepted && !isPending(own.state))) {
      answers.set(callID, { standing: 'out', own: own ?? null, others: [] });
      continue;
    }
    answers.set(callID, {
      standing: info.state === CallState.Started ? 'in' : 'ended',
      own,
      // Not-yet-received is only news to whoever invited them, told when it happened.
      others: info.callUserList.filter((user) => user.userID !== userID && user.state !== CallUserState.NotYetReceived),
    });
  }
  return answers;
}

/** What KeptCalls needs from the CallManager that owns it: its port and clocks, its live calls, and how it changes them. */
export interface KeptCallsHost {
  readonly port: SignalingPort;
  readonly userID: string;
  readonly timers: Timers;
  now(): number;
  log(line: string): void;
  /** Calls dropped with the connection, to leave on the hub once it is back. */
  readonly dropped: DroppedCalls;
  /** The live calls, read only: they change through the calls below. */
  readonly calls: ReadonlyMap<string, LiveCall>;
  /** Ends a call here and records how (the CallManager's one way to free a line). */
  finish(callID: string, outcome: CallOutcome, detail: string): void;
  /** Who came and went in a call, as the hub tells it. */
  userStateChanged(data: HubEvents['callUserStateChanged']): void;
  /** This user's own state in a call changed on another device. */
  ownStateChanged(call: LiveCall, change: ParticipantChange | null): void;
  /** An invitation, as if it had just arrived. */
  invitationReceived(data: HubEvents['callInvitationReceived']): void;
  /** The live calls changed (the sink's changed()). */
  changed(): void;
}

/**
 * The CallManager's calls through a lost connection: which are kept, the grace's end, the check
 * of the kept calls once back, and the invitations held back until that check settles.
 */
export class KeptCalls {
  readonly #host: KeptCallsHost;
  /** Runs while calls are kept through a lost connection, until the connection is back. */
  readonly #grace: ReconnectGrace;
  /**
   * Calls are kept through a lost connection and not yet confirmed by the hub: from the loss
   * until the hub has said which go on. What the others must hear of waits meanwhile.
   */
  #adrift = false;
  /** Invitations that arrived while #adrift: held back, so that calls the hub has ended do not take their lines. */
  #heldBackInvitations: Array<HubEvents['callInvitationReceived']> = [];
  /** Set by dispose(): a check of the kept calls still waiting for the hub then stops where it is. */
  #disposed = false;

  constructor(host: KeptCallsHost) {
    this.#host = host;
    this.#grace = new ReconnectGrace(host.timers, () => this.dropAll(CONNECTION_LOST, true));
  }

  /** Calls are kept and not yet confirmed by the hub: what the others must hear of waits. */
  get adrift(): boolean {
    return this.#adrift;
  }

  /** The connection is lost and calls are kept: what this user ends meanwhile is left on the hub once back. */
  get graceRunning(): boolean {
    return this.#grace.running;
  }

  /** Holds back an invitation that arrived while adrift; false: it may ring (or be turned away) now. */
  holdBack(data: HubEvents['callInvitationReceived']): boolean {
    if (!this.#adrift) return false;
    this.#heldBackInvitations.push(data);
    return true;
  }

  dispose(): void {
    this.#disposed = true;
    this.#adrift = false;
    this.#heldBackInvitations = [];
    this.#grace.stop();
  }

  /**
   * The connection failed. Conversations go on, their audio needing no hub, and invitations ring
   * on, for as long as the backend keeps this user in them (the grace); a dial or an answer
   * in flight ends here, and is left on the hub once it is back. `final`: it will not come back.
   */
  connectionLost(final: boolean): void {
    const graceMs = final ? 0 : this.#host.port.reconnectGraceMs;
    const keep = graceMs > 0 && [...this.#host.calls.values()].some(keptThroughLoss);
    this.dropAll(CONNECTION_LOST, true, keep);
    if (!keep) return;
    if (!this.#grace.running) for (const call of this.#host.calls.values()) this.#expireWhileAdrift(call);
    this.#adrift = true;
    this.#grace.start(graceMs);
    this.#host.changed();
  }

  /** An invitation kept through the loss still times out when the hub would time it out. */
  #expireWhileAdrift(call: LiveCall): void {
    if (call.expiresAt === null || (call.phase !== 'ringing' && call.phase !== 'calling')) return;
    const { phase, expiresAt } = call;
    this.#host.timers.setTimer(() => {
      if (!this.#adrift || this.#host.calls.get(call.callID) !== call || call.phase !== phase || call.expiresAt !== expiresAt) return;
      if (call.direction === 'incoming') this.#host.finish(call.callID, 'missed', 'missed: not answered in time');
      else {
        const { outcome, detail } = unansweredOutcome(call.participants, call.delivery);
        this.#host.finish(call.callID, outcome, detail);
      }
    }, Math.max(0, expiresAt - this.#host.now()));
  }

  backOnline(): void {
    // What was kept, and how: only a call this user was in before the loss is taken back.
    const kept = this.#grace.running ? [...this.#host.calls.values()].filter(keptThroughLoss).map((call) => ({ callID: call.callID, phase: call.phase })) : [];
    this.#grace.stop();
    this.#host.dropped.leaveOnHub((callID) => this.#host.calls.has(callID));
    if (kept.length === 0) return this.#settled();
    void this.#checkKept(kept);
  }

  /** The kept calls are confirmed or ended: invitations held back meanwhile ring (or are turned away) now. */
  #settled(): void {
    this.#adrift = false;
    for (const data of this.#heldBackInvitations.splice(0)) this.#host.invitationReceived(data);
    this.#host.changed();
  }

  /**
   * Back online: each kept call still under way is taken back on this connection (callJoin, as a
   * device switch, or the hub would take this user out of it at the grace's end); the others catch
   * up with who came and went meanwhile; a call the hub has ended or left this user out of ends.
   */
  async #checkKept(kept: Array<{ callID: string; phase: CallPhase }>): Promise<void> {
    const callIDs = kept.map((call) => call.callID);
    let answers: Map<string, KeptCallOnHub> | null = null;
    for (let attempt = 0; answers === null; attempt += 1) {
      try {
        answers = await askHubAbout(this.#host.port, this.#host.userID, callIDs);
      } catch (error) {
        if (this.#disposed) return;
        this.#host.log(`asking the hub about the calls kept through the lost connection failed: ${errorMessage(error)}`);
        // Lost again, the grace has them. Online, a busy hub may answer the next time.
        if (this.#host.port.status.status !== 'online') return;
        if (attempt + 1 >= KEPT_CALL_CHECKS) {
          this.#endKept(callIDs);
          return this.#settled();
        }
        await new Promise<void>((resolve) => this.#host.timers.setTimer(() => resolve(), KEPT_CALL_RETRY_MS * 2 ** attempt));
        if (this.#disposed || this.#grace.running || this.#host.port.status.status !== 'online') return;
      }
    }
    if (this.#disposed) return;
    // Settled whatever happens below: answering must never wait for good.
    try {
      const gone: string[] = [];
      for (const { callID, phase } of kept) {
        const { standing, own, others } = answers.get(callID)!;
        // Who left meanwhile, as if heard then: "alice hung up" where that ended the call.
        if (others.length > 0) this.#host.userStateChanged({ callID, callUserList: others });
        const call = this.#host.calls.get(callID);
        if (!call) continue;
        // Answered, declined or turned away on another device meanwhile; or timed out, or cancelled.
        if (call.phase === 'ringing' && own && !isPending(own.state)) this.#ringingEndedMeanwhile(call, own);
        if (this.#host.calls.get(callID) !== call) continue;
        if (standing !== 'in') gone.push(callID);
        else if (call.mode === CallMode.Advanced && phase !== 'ringing') this.#takeBack(call);
      }
      this.#endKept(gone);
    } finally {
      this.#settled();
    }
  }

  #ringingEndedMeanwhile(call: LiveCall, own: CallUserInfo): void {
    if (own.state === CallUserState.Timeout) return this.#host.finish(call.callID, 'missed', 'missed: not answered in time');
    if (own.state === CallUserState.BeCancelled) return this.#host.finish(call.callID, 'missed', `missed: ${call.peer} cancelled`);
    this.#host.ownStateChanged(call, participantChange(own.state, own.extendedData));
  }

  #takeBack(call: LiveCall): void {
    this.#host.port.request('callJoin', { callID: call.callID, config: {} }).catch((error: unknown) => {
      // Already this connection's: nothing to take back.
      if (error instanceof HubError && error.code === ZimErrorCode.CallUserAlreadyInTheCall) return;
      this.#host.log(`taking call ${call.callID} back after the lost connection failed: ${errorMessage(error)}`);
      if (this.#host.port.status.status === 'online') this.#endKept([call.callID]);
    });
  }

  /** Kept calls that cannot go on: they end here, and are left on the hub, where they may linger. */
  #endKept(callIDs: string[]): void {
    for (const callID of callIDs) {
      const call = this.#host.calls.get(callID);
      if (!call) continue;
      this.#host.dropped.remember(call, isGroup(call));
      this.#host.finish(callID, lostOutcome(call), CONNECTION_LOST);
    }
    this.#host.dropped.leaveOnHub(() => false);
  }

  /** Drops every call locally (but those kept through the loss, with `keep`): the hub has dropped them with the connection. */
  dropAll(reason: string, leaveOnReturn = false, keep = false): void {
    if (!keep) {
      this.#grace.stop();
      this.#adrift = false;
      // Delivered on a connection now gone: sent again, if still ringing, at the next sign-in.
      this.#heldBackInvitations = [];
    }
    for (const call of [...this.#host.calls.values()]) {
      if (keep && keptThroughLoss(call)) continue;
      if (leaveOnReturn) this.#host.dropped.remember(call, isGroup(call));
      this.#host.finish(call.callID, lostOutcome(call), reason);
    }
  }
}

/**
 * What a lost connection does not end at once: a conversation, an invitation ringing here, one
 * ringing for this user's call (the hub keeps them through its reconnect grace). A dial or an
 * answer in flight ends: its reply is lost with the connection.
 */
function keptThroughLoss(call: LiveCall): boolean {
  if (call.phase === 'connected' || (call.phase === 'ringing' && !call.answering)) return true;
  // The hub keeps a caller's invitation only in advanced mode (hub/answer.ts); Switchboard places only those.
  return call.phase === 'calling' && call.mode === CallMode.Advanced;
}

/** How a call the connection took with it ended, by what it was. */
function lostOutcome(call: LiveCall): CallOutcome {
  return call.phase === 'connected' ? 'answered' : call.direction === 'incoming' ? 'missed' : 'failed';
}
