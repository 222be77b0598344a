/**
 * What the other people in a call are doing, in the softphone's words, and how a call that
 * nobody answered is summed up.
 */
import { decodeReason, type BusyCode } from '../../../shared/calls/busy.js';
import { CallUserState } from '../../../shared/calls/enums.js';
import type { CallOutcome, ParticipantState } from '../../../shared/ipc/contract.js';

export interface ParticipantChange {
  state: ParticipantState;
  /** Set when the person turned the call away as busy. */
  busyCode?: BusyCode | 'unknown';
  /** Where the busy person's softphone put this user in its Callbacks list, when it said. */
  busyPosition?: number;
}

/** Maps ZIM's user state (and the extendedData that came with it) to a participant state; null for no change. */
export function participantChange(state: CallUserState, extendedData: string): ParticipantChange | null {
  switch (state) {
    case CallUserState.Inviting:
    case CallUserState.Received:
    case CallUserState.NotYetReceived:
      return { state: 'ringing' };
    case CallUserState.Accepted:
      return { state: 'joined' };
    case CallUserState.Rejected: {
      const reason = decodeReason(extendedData);
      if (reason?.reason !== 'busy') return { state: 'declined' };
      return { state: 'busy', busyCode: reason.code, ...(reason.position === undefined ? {} : { busyPosition: reason.position }) };
    }
    case CallUserState.Timeout:
      return { state: 'timed-out' };
    case CallUserState.Quit:
    case CallUserState.Ended:
      return { state: 'left' };
    case CallUserState.Cancelled:
    case CallUserState.BeCancelled:
      return { state: 'cancelled' };
    case CallUserState.Unknown:
    case CallUserState.Offline:
      return null;
  }
}

export function isPresent(state: ParticipantState): boolean {
  return state === 'ringing' || state === 'joined';
}

/**
 * Whom a call is with, as its name says: the people it was placed with (or the person who invited
 * this user) while any of them is still in it. Once they have all left and others carry on — a
 * call handed over: someone added a colleague, then left — the others who have joined it (not
 * those still ringing, who may never answer).
 */
export function currentPeer(peer: string, participants: ReadonlyMap<string, ParticipantState>): string {
  const original = peer.split(', ');
  if (original.some((userID) => isPresent(participants.get(userID) ?? 'left'))) return peer;
  const joined = [...participants].filter(([, state]) => state === 'joined').map(([userID]) => userID);
  return joined.length > 0 ? joined.join(', ') : peer;
}

const wording: Record<ParticipantState, string> = {
  ringing: 'is ringing',
  joined: 'joined',
  declined: 'declined',
  busy: 'was busy',
  'timed-out': 'did not answer',
  left: 'left',
  cancelled: 'was cancelled',
};

/**
 * Where an invitation this user sent stands on the invitee's devices, as ZIM's states tell it:
 * reached (Received, or answered), unreached (NotYetReceived: signed out since before it was sent),
 * lost (it had reached a device, and every device of theirs went away while it rang).
 */
export type InvitationDelivery = 'reached' | 'unreached' | 'lost';

export function trackDelivery(delivery: Map<string, InvitationDelivery>, userID: string, state: CallUserState): void {
  if (state === CallUserState.Received || state === CallUserState.Accepted || state === CallUserState.Rejected) delivery.set(userID, 'reached');
  else if (state === CallUserState.NotYetReceived) delivery.set(userID, delivery.has(userID) && delivery.get(userID) !== 'unreached' ? 'lost' : 'unreached');
}

const unreachedWording: Record<InvitationDelivery, string> = { reached: '', unreached: ', who was offline', lost: ', who went offline while it rang' };

/**
 * How an outgoing call that nobody joined ended: busy if everyone was, else declined, else no
 * answer; of one person the invitation did not reach, why (`delivery`).
 */
export function unansweredOutcome(
  participants: Map<string, ParticipantState>,
  delivery: ReadonlyMap<string, InvitationDelivery> = new Map(),
): { outcome: CallOutcome; detail: string } {
  const states = [...participants.values()];
  if (participants.size === 1) {
    const [[userID, state]] = [...participants.entries()] as [[string, ParticipantState]];
    if (state === 'busy') return { outcome: 'busy', detail: `${userID} was busy` };
    if (state === 'declined') return { outcome: 'declined', detail: `${userID} declined` };
    return { outcome: 'no-answer', detail: `no answer from ${userID}${unreachedWording[delivery.get(userID) ?? 'reached']}` };
  }
  const detail = [...participants].map(([userID, state]) => `${userID} ${wording[state]}`).join(', ');
  if (states.every((state) => state === 'busy')) return { outcome: 'busy', detail };
  if (states.some((state) => state === 'declined' || state === 'busy')) return { outcome: 'declined', detail };
  return { outcome: 'no-answer', detail };
}
