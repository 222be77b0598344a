/**
 * ZIM's call-invitation enums, with ZIM's exact numeric values so that the hub's wire
 * format, the ZIM adapter and the CallManager all speak one vocabulary.
 * Source: zego-zim-web ZIMDefines.d.ts (see docs/protocol.md).
 */

export const CallMode = {
  Unknown: -1,
  /** Initiate, cancel, accept, reject, timeout. The call ends once every invitee has answered. */
  General: 0,
  /** Adds callingInvite, callJoin, callQuit and callEnd; the call lasts until someone ends it. */
  Advanced: 1,
} as const;
export type CallMode = (typeof CallMode)[keyof typeof CallMode];

export const CallState = {
  Unknown: -1,
  Started: 1,
  Ended: 2,
} as const;
export type CallState = (typeof CallState)[keyof typeof CallState];

export const CallUserState = {
  Unknown: -1,
  Inviting: 0,
  Accepted: 1,
  Rejected: 2,
  Cancelled: 3,
  /** Deprecated by ZIM since 2.9.0; never emitted. */
  Offline: 4,
  Received: 5,
  Timeout: 6,
  Quit: 7,
  Ended: 8,
  NotYetReceived: 9,
  BeCancelled: 10,
} as const;
export type CallUserState = (typeof CallUserState)[keyof typeof CallUserState];

/** States in which a user still takes part in a call and receives its events (ZIM's "P"). */
export function isInCall(state: CallUserState): boolean {
  return (
    state === CallUserState.Inviting ||
    state === CallUserState.Received ||
    state === CallUserState.Accepted ||
    state === CallUserState.NotYetReceived
  );
}

/** States of an invitee who has not answered yet. */
export function isPending(state: CallUserState): boolean {
  return (
    state === CallUserState.Inviting ||
    state === CallUserState.Received ||
    state === CallUserState.NotYetReceived
  );
}

export const callUserStateName: Record<CallUserState, string> = {
  [-1]: 'Unknown',
  0: 'Inviting',
  1: 'Accepted',
  2: 'Rejected',
  3: 'Cancelled',
  4: 'Offline',
  5: 'Received',
  6: 'Timeout',
  7: 'Quit',
  8: 'Ended',
  9: 'NotYetReceived',
  10: 'BeCancelled',
};

/** ZIM's ZIMUserOnlineStatus: whether a user is signed in, dropped, or signed out (or never seen). */
export const UserOnlineStatus = {
  Online: 0,
  /** Signed in, but the connection dropped without a logout. */
  Offline: 1,
  /** Signed out; also every user this hub has not seen signed in, so that probing tells nothing. */
  Logout: 2,
} as const;
export type UserOnlineStatus = (typeof UserOnlineStatus)[keyof typeof UserOnlineStatus];
