/**
 * The hub's records: connections (sessions), users, calls and their members. Plain data with a
 * few derived views; every rule about how they change lives in core.ts, invite.ts and answer.ts.
 */
import { CallState, CallUserState, isInCall, type CallMode } from '../../../shared/calls/enums.js';
import type { CallInfo, CallUserInfo } from '../../../shared/protocol/hub.js';
import { SmallSet } from './smallSet.js';
import { systemTimers, type Timers } from '../timers.js';
import type { UserHistory } from './userHistory.js';

/** Time and timers, injected so that tests can drive them. */
export interface HubClock extends Timers {
  now(): number;
}

export const systemClock: HubClock = { now: () => Date.now(), ...systemTimers };

/** One connection (a device). It belongs to a user from login until logout or close. */
export interface Session {
  readonly id: number;
  readonly send: (frame: string) => void;
  /**
   * Calls whose invitation was delivered to this connection and may still be answered from it:
   * an answer to one of them passes the rate limit (limits.ts). Created on the first invitation.
   */
  owed: SmallSet<string> | null;
  user: User | null;
  open: boolean;
}

export class User {
  readonly sessions = new Set<Session>();
  /** Started calls this user is a member of, so that login and going offline touch only these. */
  readonly liveCalls = new SmallSet<Call>();
  /** Calls this user took part in, oldest first, for queryCallInvitationList (userHistory.ts says which); made on the first. */
  history: UserHistory<CallRecord> | null = null;
  /** Whether the user has ever signed in; one only ever invited is forgotten when its calls end (core.ts). */
  signedInOnce = false;
  /** Users whose invitations this user turns away as busy (blacklist.ts), in the order added. */
  readonly blacklist = new Set<string>();
  /** Callers this user declined lately, and until when their next invitation is held back (lineFilling.ts). */
  readonly declined = new Map<string, Decline>();
  /** The userID as a JSON string, written into most frames the hub sends (core.ts). */
  readonly json: string;

  constructor(readonly userID: string) {
    this.json = JSON.stringify(userID);
  }
}

export interface Decline {
  /** Declines in a row; each one doubles the wait. */
  count: number;
  /** Until when a new invitation from that caller is refused. */
  until: number;
}

/** What an operation on a call may learn of one member before it knows whether the call has ended. */
export interface Standing {
  readonly state: CallUserState;
  readonly inviter: string;
}

export interface Member extends Standing {
  readonly user: User;
  state: CallUserState;
  extendedData: string;
  /** Who invited this member: the caller, or the operator of a callingInvite. */
  inviter: string;
  acceptTime: number;
  /** When an unanswered invitation times out; tells a stale batch timer from a fresh invitation. */
  deadline: number;
  /**
   * The device that took part actively (invite, accept, join). Once set, only it follows the
   * call, as in ZIM; while it is unset or gone, every device of the user does.
   */
  primary: Session | null;
  /** How many times the user's connection was lost while in this call: tells the grace of the latest loss from older ones (answer.ts). */
  losses: number;
  /** Media signals sent to the member while none of their devices was connected, delivered when one is (media.ts). */
  waitingSignals: string[] | null;
}

/** What a new call is made of; the CallCore adds its callID and seq. */
export interface CallInit {
  mode: CallMode;
  caller: string;
  createTime: number;
  timeoutS: number;
  extendedData: string;
  notReceivedCheck: boolean;
}

/**
 * A call as the hub's call table and users' histories hold it: live while it is under way, and
 * once it has ended an EndedCall, which keeps only what a history lists and what refusing an
 * operation on it takes.
 */
export type CallRecord = Call | EndedCall;

export class Call {
  readonly callID: string;
  /** The callID as a JSON string, for the frames about this call. */
  readonly idJson: string;
  /** Creation order, also the paging cursor of queryCallInvitationList. */
  readonly seq: number;
  readonly mode: CallMode;
  readonly caller: string;
  readonly createTime: number;
  readonly timeoutS: number;
  readonly extendedData: string;
  readonly notReceivedCheck: boolean;
  /** In the order users joined, the caller first. */
  readonly members = new Map<string, Member>();
  /**
   * Armed timers: usually one (the invitation's timeout), so an array rather than a Set; none
   * once the call has ended, since ended calls stay in users' histories by the thousand.
   */
  timers: unknown[] | null = null;
  state: CallState = CallState.Started;
  endTime = 0;
  /** How many users' histories hold this call; an ended call nobody can query is forgotten. */
  historyRefs = 0;

  constructor(init: CallInit, callID: string, seq: number) {
    this.callID = callID;
    this.idJson = JSON.stringify(callID);
    this.seq = seq;
    this.mode = init.mode;
    this.caller = init.caller;
    this.createTime = init.createTime;
    this.timeoutS = init.timeoutS;
    this.extendedData = init.extendedData;
    this.notReceivedCheck = init.notReceivedCheck;
  }

  get started(): boolean {
    return this.state === CallState.Started;
  }

  standing(userID: string): Member | undefined {
    return this.members.get(userID);
  }

  memberIDs(): Iterable<string> {
    return this.members.keys();
  }

  userList(): CallUserInfo[] {
    const list: CallUserInfo[] = [];
    for (const member of this.members.values()) list.push(userInfo(member));
    return list;
  }

  info(forUser: string): CallInfo {
    return {
      callID: this.callID,
      caller: this.caller,
      inviter: this.members.get(forUser)?.inviter ?? this.caller,
      createTime: this.createTime,
      endTime: this.endTime,
      state: this.state,
      mode: this.mode,
      extendedData: this.extendedData,
      callUserList: this.userList(),
    };
  }

  /** Members still in the call, each counted once. */
  inCallCount(): number {
    let count = 0;
    for (const member of this.members.values()) if (isInCall(member.state)) count += 1;
    return count;
  }

  /** Whether an invitee (anyone but the caller) is Accepted right now. */
  hasAcceptedInvitee(): boolean {
    for (const member of this.members.values()) {
      if (member.user.userID !== this.caller && member.state === CallUserState.Accepted) return true;
    }
    return false;
  }
}

/** Slots per member in EndedCall's flat member list: userID, state, extendedData, inviter. */
const ENDED_MEMBER_SLOTS = 4;

/**
 * An ended call, as the call table and users' histories keep it until the last history lets it
 * go. Ended calls are most of what a hub holds (100 per user): this record keeps half the bytes of
 * the live Call, its members in one flat array rather than a Map of objects (docs/performance.md,
 * Round ten).
 */
export class EndedCall {
  readonly callID: string;
  readonly seq: number;
  readonly mode: CallMode;
  readonly caller: string;
  readonly createTime: number;
  readonly endTime: number;
  readonly extendedData: string;
  /** userID, state, extendedData and inviter of each member, in the order they joined. */
  readonly #members: Array<string | CallUserState>;
  historyRefs: number;

  constructor(call: Call) {
    this.callID = call.callID;
    this.seq = call.seq;
    this.mode = call.mode;
    this.caller = call.caller;
    this.createTime = call.createTime;
    this.endTime = call.endTime;
    this.extendedData = call.extendedData;
    this.historyRefs = call.historyRefs;
    // Sized once: an array grown by push reserves slack that every record would keep.
    const members = new Array<string | CallUserState>(call.members.size * ENDED_MEMBER_SLOTS);
    let at = 0;
    for (const member of call.members.values()) {
      members[at++] = member.user.userID;
      members[at++] = member.state;
      members[at++] = member.extendedData;
      members[at++] = member.inviter;
    }
    this.#members = members;
  }

  get started(): false {
    return false;
  }

  standing(userID: string): Standing | undefined {
    const at = this.#indexOf(userID);
    if (at < 0) return undefined;
    return { state: this.#members[at + 1] as CallUserState, inviter: this.#members[at + 3] as string };
  }

  memberIDs(): string[] {
    const ids: string[] = [];
    for (let at = 0; at < this.#members.length; at += ENDED_MEMBER_SLOTS) ids.push(this.#members[at] as string);
    return ids;
  }

  info(forUser: string): CallInfo {
    const members = this.#members;
    const callUserList: CallUserInfo[] = [];
    for (let at = 0; at < members.length; at += ENDED_MEMBER_SLOTS) {
      callUserList.push({ userID: members[at] as string, state: members[at + 1] as CallUserState, extendedData: members[at + 2] as string });
    }
    const own = this.#indexOf(forUser);
    return {
      callID: this.callID,
      caller: this.caller,
      inviter: own < 0 ? this.caller : (members[own + 3] as string),
      createTime: this.createTime,
      endTime: this.endTime,
      state: CallState.Ended,
      mode: this.mode,
      extendedData: this.extendedData,
      callUserList,
    };
  }

  #indexOf(userID: string): number {
    for (let at = 0; at < this.#members.length; at += ENDED_MEMBER_SLOTS) if (this.#members[at] === userID) return at;
    return -1;
  }
}

function userInfo(member: Member): CallUserInfo {
  return { userID: member.user.userID, state: member.state, extendedData: member.extendedData };
}

/** The sessions that follow a call for this member: its primary device while it is still there. */
export function followers(member: Member): Iterable<Session> {
  const primary = member.primary;
  if (primary !== null && primary.open && primary.user === member.user) return [primary];
  return member.user.sessions;
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value ${String(value)}`);
}
