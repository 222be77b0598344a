/**
 * A call as the CallManager keeps it, what may be done with it, and what a renderer is shown of
 * it (CallView).
 */
import { CallMode } from '../../../shared/calls/enums.js';
import type { CallDirection, CallPhase, CallView, ParticipantState } from '../../../shared/ipc/contract.js';
import type { InvitationDelivery, ParticipantChange } from './participants.js';

export interface LiveCall {
  callID: string;
  direction: CallDirection;
  peer: string;
  /** The caller's display name from a ZEGO call kit's invitation. */
  peerName?: string;
  phase: CallPhase;
  mode: CallMode;
  /** Everyone else in the call, in invitation order. */
  participants: Map<string, ParticipantState>;
  startedAt: number;
  since: number;
  /** `since` on the tick clock: a wall clock set back or forward mid-call must not change "after 2:03". */
  sinceTick: number;
  expiresAt: number | null;
  /** Set while our own callAccept is in flight, so our own Accepted echo is not read as "answered elsewhere". */
  answering: boolean;
  /** This user's own answer as last heard while our callAccept was in flight: another device's, if the accept fails. */
  ownAnswer: ParticipantChange | null;
  /** Cancel was asked for while the invitation was still on its way. */
  cancelRequested: boolean;
  /** A call-back: placed from the Callbacks list, or the caller says they are calling back. */
  callback: boolean;
  /** Rang through do not disturb and full lines as a priority caller's. */
  priority: boolean;
  /**
   * Invited by a ZEGO call kit, whose conversation lives in its media room, not in ZIM: a
   * general-mode kit call goes on after ZIM has ended it (docs/protocol.md, "A kit user hangs up").
   */
  fromKit: boolean;
  /** The ZEGO Express room of the call's audio (ZIM backend): the kit invitation's `call_id`, else the call ID. */
  room: string;
  /** This user put the call on hold. At most one connected call is not held: the one with the audio. */
  held: boolean;
  /** When it was last put on hold (epoch ms); meaningful while held. */
  heldSince: number;
  muted: boolean;
  /** Others who put this user on hold, as their offers said (calls/mediaRelay.ts). */
  heldBy: Set<string>;
  /** Since when (epoch ms) everyone joined holds this user, so that nobody is left to talk to; null while someone is. */
  waitingSince: number | null;
  /** Whom this user invited into the call (dialed, or added): who is busy or offline among them is told here. */
  invitedHere: Set<string>;
  /** Of those, whether their invitation is on a device of theirs (calls/participants.ts, InvitationDelivery). */
  delivery: Map<string, InvitationDelivery>;
  /** Whom this user added to the call once it was connected (invite): who takes it over when they leave. */
  added: Set<string>;
  /** Placed to several people at once: a group call from the start, not a 1v1 call someone was added to. */
  placedAsGroup: boolean;
  /** Whom the call was with before it was named for others (currentPeer), for History. */
  firstWith?: string;
}

export const isGroup = (call: LiveCall): boolean => call.participants.size > 1;
/**
 * An invitation to a group call placed to several people finds only its caller in it; one to a
 * call already under way (someone added this user) finds two or more there.
 */
export const placedAsGroup = (others: ReadonlyMap<string, ParticipantState>): boolean => [...others.values()].filter((state) => state === 'joined').length <= 1;
/**
 * Leaving lets the call go on for the others: a call placed to several people, or one that two
 * others have joined. A 1v1 call with someone added who has not joined yet is still a 1v1 call
 * to this user: hanging up ends it, and nobody is left alone with a colleague still ringing.
 */
export const canLeave = (call: LiveCall): boolean =>
  call.placedAsGroup || [...call.participants.values()].filter((state) => state === 'joined').length >= 2;
/**
 * ZIM adds people only to advanced-mode calls (callingInvite). A call kit's call is talked in the
 * kit's own media room, which someone added through ZIM would not find.
 */
export const canAddPeople = (call: LiveCall): boolean => call.mode === CallMode.Advanced && !call.fromKit;
/**
 * A general-mode call is over on the hub (and in ZIM) once no invitee is left to answer
 * (docs/protocol.md, C16): no event will ever end it, so the softphone ends it itself, unless a
 * call kit placed it, whose conversation goes on in the kit's media room.
 */
export const generalCallOver = (call: LiveCall): boolean =>
  call.mode === CallMode.General && !call.fromKit && ![...call.participants.values()].includes('ringing');

/**
 * What a renderer is shown of a call; `expressRooms`: the ZIM backend, whose audio is in ZEGO
 * Express rooms; `reconnecting`: the calls are kept through a lost connection.
 */
export function callView(call: LiveCall, expressRooms: boolean, reconnecting: boolean): CallView {
  return {
    callID: call.callID,
    direction: call.direction,
    peer: call.peer,
    ...(call.peerName === undefined ? {} : { peerName: call.peerName }),
    participants: [...call.participants].map(([userID, state]) => ({ userID, state })),
    group: isGroup(call),
    canAddPeople: canAddPeople(call),
    canLeave: canLeave(call),
    phase: call.phase,
    since: call.since,
    expiresAt: call.expiresAt,
    ...(call.callback ? { callback: true } : {}),
    ...(call.priority ? { priority: true } : {}),
    ...(call.answering ? { answering: true } : {}),
    ...(reconnecting ? { reconnecting: true } : {}),
    media: {
      held: call.held,
      ...(call.held ? { heldSince: call.heldSince } : {}),
      muted: call.muted,
      heldBy: [...call.heldBy].filter((userID) => call.participants.get(userID) === 'joined'),
      ...(call.waitingSince === null ? {} : { waitingSince: call.waitingSince }),
      ...(expressRooms ? { room: call.room } : {}),
    },
  };
}

/**
 * Starts or ends this user's wait after a hold or a change of who is in the call: they wait from
 * the moment nobody joined is left to talk to them, whether the last one put them on hold or the
 * last one not holding them left.
 */
export function updateWaiting(call: LiveCall, now: number): void {
  const joined = [...call.participants].filter(([, state]) => state === 'joined').map(([userID]) => userID);
  if (joined.length === 0 || !joined.every((userID) => call.heldBy.has(userID))) call.waitingSince = null;
  else call.waitingSince ??= now;
}

/** Someone who left holds this user no more: back in the call, they talk until an offer of theirs says otherwise. */
export function forgetHoldsOfAbsent(call: LiveCall): void {
  for (const userID of call.heldBy) if (call.participants.get(userID) !== 'joined') call.heldBy.delete(userID);
}
