/**
 * The media relay: callMediaSignal carries an offer, answer or ICE candidate from one Accepted
 * member of a call to another, as callMediaSignalReceived. Nobody else can send or receive one:
 * an outsider, a member still ringing, or a member who left is refused with ZIM's usual codes,
 * and nothing reaches the target. The hub never reads the signal beyond its schema.
 *
 * A member whose connection was lost stays in a conversation for the reconnect grace (answer.ts,
 * goOffline): signals sent to them meanwhile (an offer putting them on hold) wait, and reach them
 * when they sign in again (invite.ts, deliverPending), or a renegotiation would hang unanswered.
 */
import { CallUserState, callUserStateName, isInCall } from '../../../shared/calls/enums.js';
import { HubError, ZimErrorCode } from '../../../shared/protocol/errors.js';
import type { MethodParams, MethodResults } from '../../../shared/protocol/hub.js';
import { findCall, findMember, liveCall, type CallCore } from './core.js';
import type { Member, User } from './model.js';

export function callMediaSignal(core: CallCore, user: User, params: MethodParams<'callMediaSignal'>): MethodResults['callMediaSignal'] {
  const method = 'callMediaSignal';
  const found = findCall(core, method, params.callID);
  findMember(method, found, user.userID);
  const call = liveCall(method, found);
  const sender = findMember(method, call, user.userID);
  failIfNotAccepted(method, call.callID, sender);
  if (params.toUserID === user.userID) {
    throw new HubError(ZimErrorCode.ParamsInvalid, `${method}: toUserID: ${user.userID} cannot send a media signal to itself`);
  }
  const target = call.members.get(params.toUserID);
  if (!target) {
    throw new HubError(ZimErrorCode.CallIsNotInvitee, `${method}: ${params.toUserID} is not in call ${call.callID}`);
  }
  failIfNotAccepted(method, call.callID, target);
  const frame = core.event('callMediaSignalReceived', { callID: call.callID, fromUserID: user.userID, signal: params.signal });
  if (target.user.sessions.size > 0) core.toMember(target, frame);
  else keepForReturn(method, call.callID, target, frame);
  return { callID: call.callID };
}

/** Signals kept for one member at most: a few renegotiations' worth, bounded as any memory a sender can make the hub keep. */
export const MAX_WAITING_SIGNALS = 32;

function keepForReturn(method: string, callID: string, member: Member, frame: string): void {
  const waiting = (member.waitingSignals ??= []);
  if (waiting.length >= MAX_WAITING_SIGNALS) {
    throw new HubError(
      ZimErrorCode.CallCommonError,
      `${method}: ${member.user.userID} is reconnecting to call ${callID}, and ${MAX_WAITING_SIGNALS} media signals already wait for them`,
    );
  }
  waiting.push(frame);
}

/** Media flows only between members who are in the call: Accepted, not ringing and not gone. */
function failIfNotAccepted(method: string, callID: string, member: Member): void {
  if (member.state === CallUserState.Accepted) return;
  throw new HubError(
    isInCall(member.state) ? ZimErrorCode.CallCommonError : ZimErrorCode.CallDoesNotExist,
    `${method}: ${member.user.userID} is ${callUserStateName[member.state]} in call ${callID}; media flows only between Accepted members`,
  );
}
