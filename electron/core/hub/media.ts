/**
 * The media relay: callMediaSignal carries an offer, answer or ICE candidate from one Accepted
 * member of a call to another, as callMediaSignalReceived. Nobody else can send or receive one:
 * an outsider, a member still ringing, or a member who left is refused with ZIM's usual codes,
 * and nothing reaches the target. The hub never reads the signal beyond its schema.
 */
import { CallUserState, callUserStateName, isInCall } from '../../../shared/calls/enums.js';
import { HubError, ZimErrorCode } from '../../../shared/protocol/errors.js';
import type { MethodParams, MethodResults } from '../../../shared/protocol/hub.js';
import { failIfEnded, findCall, findMember, type CallCore } from './core.js';
import type { Member, User } from './model.js';

export function callMediaSignal(core: CallCore, user: User, params: MethodParams<'callMediaSignal'>): MethodResults['callMediaSignal'] {
  const method = 'callMediaSignal';
  const call = findCall(core, method, params.callID);
  const sender = findMember(method, call, user.userID);
  failIfEnded(method, call);
  failIfNotAccepted(method, call.callID, sender);
  if (params.toUserID === user.userID) {
    throw new HubError(ZimErrorCode.ParamsInvalid, `${method}: toUserID: ${user.userID} cannot send a media signal to itself`);
  }
  const target = call.members.get(params.toUserID);
  if (!target) {
    throw new HubError(ZimErrorCode.CallIsNotInvitee, `${method}: ${params.toUserID} is not in call ${call.callID}`);
  }
  failIfNotAccepted(method, call.callID, target);
  core.toMember(
    target,
    core.event('callMediaSignalReceived', { callID: call.callID, fromUserID: user.userID, signal: params.signal }),
  );
  return { callID: call.callID };
}

/** Media flows only between members who are in the call: Accepted, not ringing and not gone. */
function failIfNotAccepted(method: string, callID: string, member: Member): void {
  if (member.state === CallUserState.Accepted) return;
  throw new HubError(
    isInCall(member.state) ? ZimErrorCode.CallCommonError : ZimErrorCode.CallDoesNotExist,
    `${method}: ${member.user.userID} is ${callUserStateName[member.state]} in call ${callID}; media flows only between Accepted members`,
  );
}
