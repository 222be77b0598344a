/**
 * The state every call operation works on: calls by callID, users by userID, timers, the event
 * outbox and call history. Operations (invite.ts, answer.ts) validate first and mutate after, and
 * queue their events here; the registry sends the request's reply and only then flushes the
 * queue, which is what guarantees that a reply precedes every event it caused.
 */
import { randomInt } from 'node:crypto';
import { CallMode, CallState, CallUserState, isInCall, isPending } from '../../../shared/calls/enums.js';
import { HubError, ZimErrorCode } from '../../../shared/protocol/errors.js';
import type { CallInfo, HubEventName, HubEvents } from '../../../shared/protocol/hub.js';
import { DEFAULT_MAX_OPEN_INVITATIONS } from './limits.js';
import { DEFAULT_DECLINE_COOLDOWN_MS, DEFAULT_MAX_RINGING_PER_CALLEE } from './lineFilling.js';
import { Call, EndedCall, followers, User, type CallInit, type CallRecord, type HubClock, type Member, type Session, type Standing } from './model.js';
import { SmallSet } from './smallSet.js';
import { UserHistory } from './userHistory.js';

export const DEFAULT_NOT_RECEIVED_DELAY_MS = 5000;
export const DEFAULT_HISTORY_PER_USER = 100;

export interface CoreOptions {
  clock: HubClock;
  log: (line: string) => void;
  /** How long an invitee may stay undelivered before enableNotReceivedCheck reports it (ZIM: 5 s). */
  notReceivedDelayMs?: number;
  /** Calls remembered per user for queryCallInvitationList; older ones are forgotten. */
  historyPerUser?: number;
  /** Calls a user may have ringing at once with invitations of theirs unanswered (limits.ts). */
  maxOpenInvitations?: number;
  /** ZIM's rule for callJoin: anyone who knows an advanced call's ID may join it. Off: members only. */
  openJoin?: boolean;
  /**
   * ZIM's 6000281 for an invitee who has never signed in. Off (the default), such an invitee
   * rings like one who is offline, so that nobody can probe which user IDs exist.
   */
  reportUnknownUsers?: boolean;
  /** Invitations one caller may have ringing at one callee at once; 0: no limit, as in ZIM (lineFilling.ts). */
  maxRingingPerCallee?: number;
  /** The wait after a callee declines a caller before that caller may invite them again; doubles with each decline in a row (lineFilling.ts). 0: none. */
  declineCooldownMs?: number;
  /**
   * A device that goes away leaves the calls it took part in, as a user going offline does, even
   * while its user is signed in elsewhere (answer.ts, deviceGone). Off, ZIM's rule: only the
   * user's last device going away does.
   */
  leaveWithDevice?: boolean;
  /**
   * How long a user whose connection failed (not closed, not logged out) stays in a conversation
   * under way, for their softphone to reconnect; 0: they leave at once (answer.ts, goOffline).
   */
  reconnectGraceMs?: number;
}

/** ZIM's heartbeat timeout: a user it cannot hear from for 30 s is offline. */
export const DEFAULT_RECONNECT_GRACE_MS = 30_000;

/** Random digits after the creation millisecond in a callID: 13 + 7, the 20 a callID may have. */
const ID_RANDOM_DIGITS = 7;
const ID_RANDOM_LIMIT = 10 ** ID_RANDOM_DIGITS;

export class CallCore {
  /** Calls under way, and ended ones while a history holds them. */
  readonly calls = new Map<string, CallRecord>();
  readonly users = new Map<string, User>();
  readonly log: (line: string) => void;
  readonly notReceivedDelayMs: number;
  readonly maxOpenInvitations: number;
  readonly openJoin: boolean;
  readonly reportUnknownUsers: boolean;
  readonly declineCooldownMs: number;
  readonly maxRingingPerCallee: number;
  readonly leaveWithDevice: boolean;
  readonly reconnectGraceMs: number;
  readonly #clock: HubClock;
  readonly #historyPerUser: number;
  readonly #outSessions: Session[] = [];
  readonly #outFrames: string[] = [];
  #idMs = 0;
  /** Replaced each millisecond, not cleared: a cleared Set links its old table to the new one (electron/core/transientMap.ts). */
  #idsThisMs = new Set<string>();
  #seq = 0;

  constructor(options: CoreOptions) {
    this.#clock = options.clock;
    this.log = options.log;
    this.notReceivedDelayMs = options.notReceivedDelayMs ?? DEFAULT_NOT_RECEIVED_DELAY_MS;
    this.maxOpenInvitations = options.maxOpenInvitations ?? DEFAULT_MAX_OPEN_INVITATIONS;
    this.openJoin = options.openJoin ?? false;
    this.reportUnknownUsers = options.reportUnknownUsers ?? false;
    this.declineCooldownMs = options.declineCooldownMs ?? DEFAULT_DECLINE_COOLDOWN_MS;
    this.maxRingingPerCallee = options.maxRingingPerCallee ?? DEFAULT_MAX_RINGING_PER_CALLEE;
    this.leaveWithDevice = options.leaveWithDevice ?? false;
    this.reconnectGraceMs = options.reconnectGraceMs ?? DEFAULT_RECONNECT_GRACE_MS;
    this.#historyPerUser = options.historyPerUser ?? DEFAULT_HISTORY_PER_USER;
  }

  now(): number {
    return this.#clock.now();
  }

  // ---- calls and members ----

  addUser(user: User): User {
    this.users.set(user.userID, user);
    return user;
  }

  createCall(init: CallInit): Call {
    const call = new Call(init, this.#nextCallID(init.createTime), ++this.#seq);
    this.calls.set(call.callID, call);
    return call;
  }

  /** Adds a user to a call (or re-invites one who left it) in the given state. */
  enlist(call: Call, user: User, state: CallUserState, inviter: string): Member {
    let member = call.members.get(user.userID);
    if (member) {
      member.state = state;
      member.extendedData = '';
      member.inviter = inviter;
      member.acceptTime = 0;
      member.deadline = 0;
      member.primary = null;
      member.losses = 0;
      member.waitingSignals = null;
      return member;
    }
    member = { user, state, extendedData: '', inviter, acceptTime: 0, deadline: 0, primary: null, losses: 0, waitingSignals: null };
    call.members.set(user.userID, member);
    user.liveCalls.add(call);
    this.#remember(user, call);
    return member;
  }

  /** Ends the call when nobody is left to answer (general) or nobody is left in it (advanced). */
  settle(call: Call): void {
    if (!call.started) return;
    for (const member of call.members.values()) {
      const keepsCallOpen =
        call.mode === CallMode.General
          ? member.user.userID !== call.caller && isPending(member.state)
          : isInCall(member.state);
      if (keepsCallOpen) return;
    }
    this.finish(call);
  }

  finish(call: Call, endTime = this.now()): void {
    if (!call.started) return;
    call.state = CallState.Ended;
    call.endTime = endTime;
    this.#clearTimers(call);
    for (const member of call.members.values()) {
      member.user.liveCalls.delete(call);
      member.primary = null;
      member.waitingSignals = null;
      for (const session of member.user.sessions) session.owed?.delete(call.callID);
      if (!member.user.signedInOnce && member.user.liveCalls.size === 0) this.#forget(member.user);
    }
    if (call.historyRefs === 0) {
      this.calls.delete(call.callID);
      return;
    }
    // From now on the histories and the call table hold the compact record, and the Call is garbage.
    const ended = new EndedCall(call);
    this.calls.set(call.callID, ended);
    for (const member of call.members.values()) member.user.history?.replace(ended, this.#release);
  }

  /** A user known only as an invitee, whose last call has ended: nothing of them is kept. */
  #forget(user: User): void {
    this.users.delete(user.userID);
    for (const call of user.history?.clear() ?? []) this.#release(call);
  }

  /** Cancels the whole invitation: pending invitees are told, the caller is Cancelled, the call ends. */
  cancelAll(call: Call, extendedData: string): void {
    const frame = this.event('callInvitationCancelled', {
      callID: call.callID, mode: call.mode, inviter: call.caller, extendedData,
    });
    for (const member of call.members.values()) {
      if (member.user.userID === call.caller) {
        member.state = CallUserState.Cancelled;
        member.extendedData = extendedData;
      } else if (isPending(member.state)) {
        member.state = CallUserState.BeCancelled;
        this.toUser(member.user, frame);
      }
    }
    this.finish(call);
  }

  /** Runs `fire` after `delayMs` unless the call ends first. */
  schedule(call: Call, delayMs: number, fire: () => void): void {
    const timer = this.#clock.setTimer(() => {
      const at = call.timers ? call.timers.indexOf(timer) : -1;
      if (at >= 0) call.timers?.splice(at, 1);
      if (!call.started) return;
      try {
        fire();
      } catch (error) {
        this.log(`timer of call ${call.callID} failed: ${errorText(error)}`);
      }
      this.flush();
    }, delayMs);
    (call.timers ??= []).push(timer);
  }

  /** Stops every timer; the registry is being shut down. */
  stopTimers(): void {
    for (const call of this.calls.values()) if (call instanceof Call) this.#clearTimers(call);
  }

  #clearTimers(call: Call): void {
    for (const timer of call.timers ?? []) this.#clock.clearTimer(timer);
    call.timers = null;
  }

  // ---- events ----

  /** One serialised event frame, reused for every recipient. */
  event<E extends HubEventName>(name: E, data: HubEvents[E]): string {
    return JSON.stringify({ event: name, data });
  }

  /**
   * callUserStateChanged for these members. It and the invitations below are most of what the hub
   * sends; written by hand they cost about half of JSON.stringify on the objects, which
   * core.test.ts holds them to.
   */
  userStateEvent(call: Call, members: Iterable<Member>): string {
    return `{"event":"callUserStateChanged","data":{"callID":${call.idJson},"callUserList":${userListJson(members)}}}`;
  }

  /** callInvitationCreated for the caller (inviter null), or callInvitationReceived from `inviter`. */
  invitationEvent(call: Call, inviter: string | null, timeoutS: number): string {
    const name = inviter === null ? 'callInvitationCreated' : 'callInvitationReceived';
    const from = inviter === null ? '' : `"inviter":${JSON.stringify(inviter)},`;
    return (
      `{"event":"${name}","data":{"callID":${call.idJson},"mode":${call.mode},"caller":${JSON.stringify(call.caller)},` +
      `${from}"extendedData":${JSON.stringify(call.extendedData)},"timeout":${timeoutS},"createTime":${call.createTime},` +
      `"callUserList":${userListJson(call.members.values())}}}`
    );
  }

  emit(session: Session, frame: string): void {
    this.#outSessions.push(session);
    this.#outFrames.push(frame);
  }

  /** An invitation to `call`, to one device of its invitee, which now owes an answer to it. */
  invite(session: Session, call: Call, frame: string): void {
    this.emit(session, frame);
    (session.owed ??= new SmallSet()).add(call.callID);
  }

  /** Every device of a user. */
  toUser(user: User, frame: string, except: Session | null = null): void {
    for (const session of user.sessions) if (session !== except) this.emit(session, frame);
  }

  /** The devices that follow the call for one member. */
  toMember(member: Member, frame: string): void {
    for (const session of followers(member)) this.emit(session, frame);
  }

  /** Everyone still in the call (ZIM's Inviting, Received, Accepted, plus NotYetReceived), but `skip`. */
  toParticipants(call: Call, frame: string, skip: Member | null = null): void {
    for (const member of call.members.values()) {
      if (member !== skip && isInCall(member.state)) this.toMember(member, frame);
    }
  }

  /** Sends what was queued, in order. A failing socket must not stop delivery to the others. */
  flush(): void {
    const sessions = this.#outSessions;
    const frames = this.#outFrames;
    for (let i = 0; i < sessions.length; i++) {
      const session = sessions[i]!;
      if (!session.open) continue;
      try {
        session.send(frames[i]!);
      } catch (error) {
        this.log(`sending to connection ${session.id} failed: ${errorText(error)}`);
      }
    }
    sessions.length = 0;
    frames.length = 0;
  }

  // ---- history ----

  /** Calls of one user, newest first; `nextFlag` is the seq of the last call returned, 0 at the end. */
  query(user: User, count: number, nextFlag: number): { callList: CallInfo[]; nextFlag: number } {
    const history = user.history;
    const callList: CallInfo[] = [];
    if (!history) return { callList, nextFlag: 0 };
    let index = history.length - 1;
    if (nextFlag > 0) while (index >= 0 && history.at(index)!.seq >= nextFlag) index -= 1;
    for (; index >= 0 && callList.length < count; index -= 1) callList.push(history.at(index)!.info(user.userID));
    const last = history.at(index + 1);
    return { callList, nextFlag: index >= 0 && last ? last.seq : 0 };
  }

  #remember(user: User, call: Call): void {
    user.history ??= new UserHistory(this.#historyPerUser);
    call.historyRefs += 1;
    user.history.add(call, this.#release);
  }

  /** One user's history no longer holds `call`; an ended call nobody can query is forgotten. Bound once: the busy path hands it to every history it adds to. */
  readonly #release = (call: CallRecord): void => {
    call.historyRefs -= 1;
    if (call.historyRefs === 0 && !call.started) this.calls.delete(call.callID);
  };

  // ---- identifiers and errors ----

  #nextCallID(now: number): string {
    // Unguessable as well as unique: callJoin lets anyone who knows an advanced call's ID join it,
    // as in ZIM, so the ID is the call's key. The millisecond never steps back, which keeps IDs
    // unique for the hub's lifetime; the random digits only need to differ within one millisecond.
    let ms = Math.max(Math.trunc(now), this.#idMs);
    // A clock that stands still must not fill the set: past this many, the next millisecond.
    if (ms === this.#idMs && this.#idsThisMs.size >= ID_RANDOM_LIMIT / 1000) ms += 1;
    if (ms !== this.#idMs) {
      this.#idMs = ms;
      this.#idsThisMs = new Set();
    }
    for (;;) {
      const callID = `${ms}${String(randomInt(ID_RANDOM_LIMIT)).padStart(ID_RANDOM_DIGITS, '0')}`;
      if (this.#idsThisMs.has(callID)) continue;
      this.#idsThisMs.add(callID);
      return callID;
    }
  }
}

function userListJson(members: Iterable<Member>): string {
  let list = '';
  for (const { user, state, extendedData } of members) {
    list += `${list === '' ? '' : ','}{"userID":${user.json},"state":${state},"extendedData":${JSON.stringify(extendedData)}}`;
  }
  return `[${list}]`;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/**
 * Looks a call up for an operation, failing with 6000276 when it does not exist. An ended call is
 * found too, so that the operation is refused with the code ZIM gives for it; liveCall() then
 * gives the Call itself.
 */
export function findCall(core: CallCore, method: string, callID: string): CallRecord {
  const call = core.calls.get(callID);
  if (!call) throw new HubError(ZimErrorCode.CallDoesNotExist, `${method}: call ${callID} does not exist`);
  return call;
}

/** The user's membership, failing with 6000274 for a user the call never included. */
export function findMember(method: string, call: Call, userID: string): Member;
export function findMember(method: string, call: CallRecord, userID: string): Standing;
export function findMember(method: string, call: CallRecord, userID: string): Standing {
  const member = call.standing(userID);
  if (!member) throw new HubError(ZimErrorCode.CallIsNotInvitee, `${method}: ${userID} is not in call ${call.callID}`);
  return member;
}

export function failIfGeneral(method: string, call: CallRecord): void {
  if (call.mode === CallMode.General) {
    throw new HubError(ZimErrorCode.CallAdvancedOnly, `${method}: call ${call.callID} is a general-mode call; ${method} needs advanced mode`);
  }
}

/** The call under way, failing with 6000276 once it has ended. */
export function liveCall(method: string, call: CallRecord): Call {
  if (!(call instanceof Call) || !call.started) throw new HubError(ZimErrorCode.CallDoesNotExist, `${method}: call ${call.callID} has ended`);
  return call;
}
