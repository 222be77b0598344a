/**
 * How users answer and leave calls: callAccept, callReject, callCancel, callQuit, callEnd, and
 * what happens to a user's calls when their last connection goes away.
 */
import { CallMode, CallUserState, callUserStateName, isInCall, isPending } from '../../../shared/calls/enums.js';
import { HubError, ZimErrorCode } from '../../../shared/protocol/errors.js';
import type { MethodParams, MethodResults } from '../../../shared/protocol/hub.js';
import { failIfGeneral, findCall, findMember, liveCall, type CallCore } from './core.js';
import { admit } from './invite.js';
import { forgetDecline, rememberDecline } from './lineFilling.js';
import type { Call, Member, Session, User } from './model.js';

type Answer = typeof CallUserState.Accepted | typeof CallUserState.Rejected;

export function callAnswer(
  core: CallCore,
  session: Session,
  user: User,
  method: 'callAccept' | 'callReject',
  params: MethodParams<'callAccept'>,
): MethodResults['callAccept'] {
  const found = findCall(core, method, params.callID);
  const { state } = findMember(method, found, user.userID);
  // A caller who quit and was invited back with callingInvite answers like any invitee.
  if (found.caller === user.userID && !isPending(state)) {
    throw new HubError(ZimErrorCode.CallIsNotInvitee, `${method}: ${user.userID} is the caller of call ${found.callID}, not an invitee`);
  }
  const call = liveCall(method, found);
  const member = findMember(method, call, user.userID);
  failIfLeft(method, call, member);
  if (!isPending(member.state)) {
    throw new HubError(
      ZimErrorCode.CallDoesNotExist,
      `${method}: ${user.userID} has already answered call ${call.callID} (${callUserStateName[member.state]})`,
    );
  }
  const answer: Answer = method === 'callAccept' ? CallUserState.Accepted : CallUserState.Rejected;
  const { extendedData } = params.config;
  if (answer === CallUserState.Accepted) {
    admit(core, call, member, session, extendedData, core.now());
    forgetDecline(user, member.inviter);
  } else {
    rememberDecline(user, member.inviter, core.now(), core.declineCooldownMs);
    member.state = answer;
    member.extendedData = extendedData;
    const frame = core.userStateEvent(call, [member]);
    core.toParticipants(call, frame);
    core.toUser(user, frame);
  }
  const inviter = call.members.get(member.inviter);
  if (call.mode === CallMode.General && inviter && isInCall(inviter.state)) {
    const name = answer === CallUserState.Accepted ? 'callInvitationAccepted' : 'callInvitationRejected';
    core.toMember(inviter, core.event(name, { callID: call.callID, invitee: user.userID, extendedData }));
  }
  core.settle(call);
  return { callID: call.callID };
}

export function callCancel(core: CallCore, user: User, params: MethodParams<'callCancel'>): MethodResults['callCancel'] {
  const method = 'callCancel';
  const found = findCall(core, method, params.callID);
  if (found.caller !== user.userID) {
    throw new HubError(ZimErrorCode.CallIsNotInviter, `${method}: ${user.userID} is not the caller of call ${found.callID}`);
  }
  const listed = [...new Set(params.invitees)];
  // General mode cancels the invitation as a whole, whatever the list (ZIM before 2.16 and C13).
  const wholeCall = found.mode === CallMode.General || listed.length === 0;
  // Checked before whether the call has ended: the accept of a general call's last pending
  // invitee also ends the call, and that cancel is still refused as too late (ZIM's 6000271).
  const accepted = (wholeCall ? [...found.memberIDs()] : listed).filter(
    (userID) => userID !== found.caller && found.standing(userID)?.state === CallUserState.Accepted,
  );
  if (accepted.length > 0) {
    throw new HubError(ZimErrorCode.CallCancelAfterAccept, `${method}: ${accepted.join(', ')} already accepted call ${found.callID}`);
  }
  const call = liveCall(method, found);
  failIfLeft(method, call, findMember(method, call, user.userID));
  const pending = (userID: string): Member | null => {
    const member = call.members.get(userID);
    return member && member.user.userID !== call.caller && isPending(member.state) ? member : null;
  };
  const errorInvitees = listed.filter((userID) => pending(userID) === null);
  const { extendedData } = params.config;
  if (wholeCall) {
    core.cancelAll(call, extendedData);
    return { callID: call.callID, errorInvitees };
  }
  const targets = listed.map(pending).filter((member): member is Member => member !== null);
  if (targets.length === 0) return { callID: call.callID, errorInvitees };
  if (targets.length === countInvitees(call)) {
    // Nobody but the caller would be left: that is cancelling the call, not part of it.
    core.cancelAll(call, extendedData);
    return { callID: call.callID, errorInvitees };
  }
  const cancelled = core.event('callInvitationCancelled', { callID: call.callID, mode: call.mode, inviter: call.caller, extendedData });
  for (const member of targets) {
    member.state = CallUserState.BeCancelled;
    core.toUser(member.user, cancelled);
  }
  core.toParticipants(call, core.userStateEvent(call, targets));
  core.settle(call);
  return { callID: call.callID, errorInvitees };
}

export function callQuit(core: CallCore, session: Session, user: User, params: MethodParams<'callQuit'>): MethodResults['callQuit'] {
  const method = 'callQuit';
  const { call, member } = advancedMember(core, method, user, params.callID);
  if (member.state !== CallUserState.Accepted) {
    throw new HubError(
      ZimErrorCode.CallCommonError,
      `${method}: ${user.userID} is ${callUserStateName[member.state]} in call ${call.callID}; only an Accepted user can quit (use callReject)`,
    );
  }
  const quitTime = core.now();
  const frame = quit(core, call, member, params.config.extendedData);
  // ZIM: a quit is seen by the quitting device only, not by the user's other devices.
  core.emit(session, frame);
  core.settle(call);
  return { callID: call.callID, createTime: call.createTime, acceptTime: member.acceptTime, quitTime };
}

export function callEnd(core: CallCore, session: Session, user: User, params: MethodParams<'callEnd'>): MethodResults['callEnd'] {
  const { call, member } = advancedMember(core, 'callEnd', user, params.callID);
  const endTime = core.now();
  const { extendedData } = params.config;
  // C5: the operator becomes Ended; everyone else keeps their state and is told the call ended.
  member.state = CallUserState.Ended;
  member.extendedData = extendedData;
  const frame = core.event('callInvitationEnded', {
    callID: call.callID, mode: call.mode, caller: call.caller, operatedUserID: user.userID, extendedData, endTime,
  });
  core.toParticipants(call, frame);
  core.toUser(user, frame, session);
  core.finish(call, endTime);
  return { callID: call.callID, createTime: call.createTime, acceptTime: member.acceptTime, endTime };
}

/**
 * The user's last connection is gone (logout, close or missed heartbeats). A caller whom nobody
 * has answered yet cancels the invitation (ZIM T8); an Accepted user of an advanced call quits.
 * Invitations to the user stay pending until they time out, in case the user comes back; where
 * the caller asked for the not-received check, the participants learn at once that the
 * invitation no longer reaches anyone (NotYetReceived), and Received again if the user returns.
 *
 * `lost`: the connection failed rather than closed, after `silentMs` without a word from it. A
 * conversation under way, or an invitation of theirs, then keeps the user for what is left of
 * CoreOptions.reconnectGraceMs (a call's audio flows peer to peer without the hub): taken back
 * within it, they are still in the call; otherwise they quit, or cancel, as above.
 */
export function goOffline(core: CallCore, user: User, lost: { silentMs: number } | null): void {
  for (const call of [...user.liveCalls]) {
    const member = call.members.get(user.userID);
    if (member?.state === CallUserState.Received && call.notReceivedCheck) {
      member.state = CallUserState.NotYetReceived;
      core.toParticipants(call, core.userStateEvent(call, [member]));
      continue;
    }
    if (!member) continue;
    if (lost && core.reconnectGraceMs > 0 && worthAwaiting(call, member)) awaitReturn(core, call, member, lost.silentMs);
    else leaveAsGone(core, call, member);
  }
}

/**
 * An Accepted member of an advanced call someone else is in or invited to: talking, or ringing
 * for their call. ZIM too leaves a caller's invitation ringing until its heartbeat timeout (T8).
 */
function worthAwaiting(call: Call, member: Member): boolean {
  if (member.state !== CallUserState.Accepted || call.mode !== CallMode.Advanced) return false;
  for (const other of call.members.values()) if (other !== member && isInCall(other.state)) return true;
  return false;
}

/**
 * Leaves the member in the call for what is left of the grace; they quit then unless a connection
 * of theirs has taken the call back (callJoin, as a device switch). Signing in again is not
 * enough: a softphone restarted after a crash knows nothing of the call, and would leave the
 * others waiting on someone who is not there.
 */
function awaitReturn(core: CallCore, call: Call, member: Member, silentMs: number): void {
  const loss = ++member.losses;
  const leave = (): void => {
    core.log(`${member.user.userID} did not come back within ${core.reconnectGraceMs} ms; leaving call ${call.callID}`);
    leaveAsGone(core, call, member);
  };
  // The grace counts from when the connection went quiet: one dropped for missed heartbeats has used it up.
  const leftMs = core.reconnectGraceMs - silentMs;
  if (leftMs <= 0) return leave();
  core.schedule(call, leftMs, () => {
    // Lost again since (with a grace of its own), taken back, or no longer in the call.
    if (member.losses !== loss || member.primary?.open === true || member.state !== CallUserState.Accepted) return;
    leave();
  });
}

/**
 * One device of a user went away while others stay signed in (CoreOptions.leaveWithDevice): the
 * calls it took part in, which no other device of the user follows, are left as goOffline leaves
 * them. Invitations still ringing at the user go on ringing on their other devices.
 */
export function deviceGone(core: CallCore, user: User, session: Session): void {
  for (const call of [...user.liveCalls]) {
    const member = call.members.get(user.userID);
    if (member?.primary === session) leaveAsGone(core, call, member);
  }
}

/** A member who went away: the caller of an unanswered invitation cancels it; an Accepted user of an advanced call quits. */
function leaveAsGone(core: CallCore, call: Call, member: Member): void {
  if (member.state !== CallUserState.Accepted) return;
  if (call.caller === member.user.userID && !call.hasAcceptedInvitee()) {
    core.cancelAll(call, '');
  } else if (call.mode === CallMode.Advanced) {
    quit(core, call, member, '');
    core.settle(call);
  }
}

function quit(core: CallCore, call: Call, member: Member, extendedData: string): string {
  member.state = CallUserState.Quit;
  member.extendedData = extendedData;
  member.primary = null;
  member.waitingSignals = null;
  const frame = core.userStateEvent(call, [member]);
  core.toParticipants(call, frame);
  return frame;
}

/** The checks shared by the advanced-only operations of a member who is still in the call. */
function advancedMember(core: CallCore, method: string, user: User, callID: string): { call: Call; member: Member } {
  const found = findCall(core, method, callID);
  findMember(method, found, user.userID);
  failIfGeneral(method, found);
  const call = liveCall(method, found);
  const member = findMember(method, call, user.userID);
  failIfLeft(method, call, member);
  return { call, member };
}

/** A member who has left the call (rejected, timed out, cancelled, quit) can no longer act on it. */
function failIfLeft(method: string, call: Call, member: Member): void {
  if (!isInCall(member.state)) {
    throw new HubError(
      ZimErrorCode.CallDoesNotExist,
      `${method}: ${member.user.userID} has left call ${call.callID} (${callUserStateName[member.state]})`,
    );
  }
}

function countInvitees(call: Call): number {
  let count = 0;
  for (const member of call.members.values()) {
    if (member.user.userID !== call.caller && isInCall(member.state)) count += 1;
  }
  return count;
}
