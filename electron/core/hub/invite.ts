/**
 * How users get into a call: callInvite, callingInvite and callJoin, delivery of invitations
 * (at once, or when an offline invitee logs in), the not-received check and invitation timeouts.
 */
import { CallMode, CallUserState, callUserStateName, isInCall, isPending } from '../../../shared/calls/enums.js';
import { HubError, ZimErrorCode } from '../../../shared/protocol/errors.js';
import {
  MAX_INVITEES,
  MAX_PARTICIPANTS,
  type ErrorUserInfo,
  type MethodParams,
  type MethodResults,
} from '../../../shared/protocol/hub.js';
import { failIfGeneral, findCall, findMember, liveCall, type CallCore } from './core.js';
import { BLOCKED_EXTENDED_DATA } from './blacklist.js';
import { failIfTooManyOpen } from './limits.js';
import { lineFillingRefusal, ringingFrom } from './lineFilling.js';
import { User, type Call, type Member, type Session } from './model.js';

export function callInvite(
  core: CallCore,
  session: Session,
  caller: User,
  params: MethodParams<'callInvite'>,
): MethodResults['callInvite'] {
  const { config } = params;
  failIfTooManyOpen('callInvite', caller, core.maxOpenInvitations);
  const { valid, blocked, errorUserList } = screenInvitees(core, 'callInvite', caller, params.invitees, () => false);
  const now = core.now();
  const call = core.createCall({
    mode: config.mode, caller: caller.userID, createTime: now, timeoutS: config.timeout,
    extendedData: config.extendedData, notReceivedCheck: config.enableNotReceivedCheck,
  });
  const callerMember = core.enlist(call, caller, CallUserState.Accepted, caller.userID);
  callerMember.acceptTime = now;
  callerMember.primary = session;
  const invitees = enlist(core, call, valid, caller.userID);
  const turnedAway = enlist(core, call, blocked, caller.userID);
  core.emit(session, core.invitationEvent(call, null, call.timeoutS));
  leaveOut(turnedAway);
  sendInvitations(core, call, invitees, caller.userID, now);
  turnAwayBlocked(core, call, turnedAway);
  return { callID: call.callID, timeout: call.timeoutS, errorUserList };
}

export function callingInvite(
  core: CallCore,
  operator: User,
  params: MethodParams<'callingInvite'>,
): MethodResults['callingInvite'] {
  const method = 'callingInvite';
  const found = findCall(core, method, params.callID);
  findMember(method, found, operator.userID);
  failIfGeneral(method, found);
  const call = liveCall(method, found);
  const member = findMember(method, call, operator.userID);
  if (member.state !== CallUserState.Accepted) {
    throw new HubError(
      isInCall(member.state) ? ZimErrorCode.CallCommonError : ZimErrorCode.CallDoesNotExist,
      `${method}: ${operator.userID} is ${callUserStateName[member.state]} in call ${call.callID}; only an Accepted user can invite`,
    );
  }
  failIfTooManyOpen(method, operator, core.maxOpenInvitations);
  const alreadyIn = (user: User): boolean => {
    const existing = call.members.get(user.userID);
    return existing !== undefined && isInCall(existing.state);
  };
  const { valid, blocked, errorUserList } = screenInvitees(core, method, operator, params.invitees, alreadyIn);
  const total = call.inCallCount() + valid.length + blocked.length;
  if (total > MAX_PARTICIPANTS) {
    throw new HubError(
      ZimErrorCode.CallServerError,
      `${method}: call ${call.callID} would have ${total} participants, at most ${MAX_PARTICIPANTS}`,
    );
  }
  const now = core.now();
  core.toParticipants(call, core.event('callUserStateChanged', {
    callID: call.callID,
    callUserList: [...valid, ...blocked].map((user) => ({ userID: user.userID, state: CallUserState.Inviting, extendedData: '' })),
  }));
  const invitees = enlist(core, call, valid, operator.userID);
  const turnedAway = enlist(core, call, blocked, operator.userID);
  leaveOut(turnedAway);
  sendInvitations(core, call, invitees, operator.userID, now);
  turnAwayBlocked(core, call, turnedAway);
  return { callID: call.callID, errorUserList };
}

export function callJoin(
  core: CallCore,
  session: Session,
  user: User,
  params: MethodParams<'callJoin'>,
): MethodResults['callJoin'] {
  const method = 'callJoin';
  const found = findCall(core, method, params.callID);
  // A member rejoins or switches devices; an outsider joins only where the hub follows ZIM's open
  // rule. Checked before the mode, so that an outsider learns nothing of the call.
  if (!found.standing(user.userID) && !core.openJoin) {
    throw new HubError(
      ZimErrorCode.CallIsNotInvitee,
      `${method}: ${user.userID} was never invited to call ${found.callID}; only its members may join it`,
    );
  }
  failIfGeneral(method, found);
  const call = liveCall(method, found);
  let member = call.members.get(user.userID);
  const now = core.now();
  if (member?.state === CallUserState.Accepted) {
    if (member.primary === session) {
      throw new HubError(
        ZimErrorCode.CallUserAlreadyInTheCall,
        `${method}: ${user.userID} is already in call ${call.callID} on this connection`,
      );
    }
    // Switching devices: the others in the call are not told (ZIM: "other users are unaware").
    member.primary = session;
  } else {
    if (!member || !isPending(member.state)) {
      const total = call.inCallCount() + 1;
      if (total > MAX_PARTICIPANTS) {
        throw new HubError(ZimErrorCode.CallServerError, `${method}: call ${call.callID} already has ${MAX_PARTICIPANTS} participants`);
      }
      member = core.enlist(call, user, CallUserState.Accepted, member?.inviter ?? call.caller);
    }
    admit(core, call, member, session, params.config.extendedData, now);
  }
  return {
    callID: call.callID, createTime: call.createTime, joinTime: now, extendedData: call.extendedData,
    callUserList: call.userList(),
  };
}

/** Makes a member Accepted from this session and tells the others and the member's other devices. */
export function admit(core: CallCore, call: Call, member: Member, session: Session, extendedData: string, now: number): void {
  member.state = CallUserState.Accepted;
  member.extendedData = extendedData;
  member.acceptTime = now;
  member.primary = session;
  const frame = core.userStateEvent(call, [member]);
  core.toParticipants(call, frame, member);
  core.toUser(member.user, frame);
}

/**
 * A user's new connection: invitations still waiting for them are delivered to it (they become
 * Received), and a user returning from offline gets the current state of calls they are in.
 */
export function deliverPending(core: CallCore, user: User, session: Session): void {
  const now = core.now();
  const returning = user.sessions.size === 1;
  for (const call of user.liveCalls) {
    const member = call.members.get(user.userID);
    if (!member) continue;
    if (isPending(member.state)) {
      const remainingMs = member.deadline - now;
      if (remainingMs <= 0) continue;
      core.invite(session, call, core.invitationEvent(call, member.inviter, Math.ceil(remainingMs / 1000)));
      if (member.state !== CallUserState.Received) markReceived(core, call, [member]);
    } else if (returning && member.state === CallUserState.Accepted) {
      core.emit(session, core.userStateEvent(call, call.members.values()));
      // After the states: media signals sent while the user was away (media.ts).
      for (const frame of member.waitingSignals ?? []) core.emit(session, frame);
      member.waitingSignals = null;
    }
  }
}

/**
 * Refuses what ZIM refuses for a whole list, and sorts the rest into users to invite, users who
 * block the operator (turned away as busy), and errors.
 */
function screenInvitees(
  core: CallCore,
  method: string,
  operator: User,
  invitees: readonly string[],
  alreadyIn: (user: User) => boolean,
): { valid: User[]; blocked: User[]; errorUserList: ErrorUserInfo[] } {
  const unique = [...new Set(invitees)];
  if (unique.length > MAX_INVITEES) {
    throw new HubError(
      ZimErrorCode.CallServerError,
      `${method}: ${operator.userID} invited ${unique.length} users, at most ${MAX_INVITEES}`,
    );
  }
  const valid: User[] = [];
  const blocked: User[] = [];
  const errorUserList: ErrorUserInfo[] = [];
  const why: string[] = [];
  // When the last of the waits after a decline is over: then every invitee refused for one may be invited.
  let retryAfterMs: number | undefined;
  const ringing = ringingFrom(operator);
  const now = core.now();
  for (const userID of unique) {
    let user = core.users.get(userID);
    if (userID === operator.userID) {
      errorUserList.push({ userID, reason: ZimErrorCode.ParamsInvalid });
      why.push(`${userID} cannot invite themselves`);
      continue;
    }
    if (!user && core.reportUnknownUsers) {
      errorUserList.push({ userID, reason: ZimErrorCode.CallInviteUserDoesNotExist });
      why.push(`${userID} has never logged in`);
      continue;
    }
    // Otherwise one who never signed in is invited like one who is offline: registered once the
    // invitation goes out (enlist below), forgotten when their last call ends (core.ts).
    user ??= new User(userID);
    const refusal = lineFillingRefusal(user, operator.userID, ringing, core.maxRingingPerCallee, now);
    if (alreadyIn(user)) {
      errorUserList.push({ userID, reason: ZimErrorCode.CallUserAlreadyInTheCall });
      why.push(`${userID} is already in the call`);
    } else if (refusal) {
      errorUserList.push({ userID, reason: refusal.reason });
      why.push(refusal.why);
      if (refusal.retryAfterMs !== undefined) retryAfterMs = Math.max(retryAfterMs ?? 0, refusal.retryAfterMs);
    } else if (user.blacklist.has(operator.userID)) {
      blocked.push(user);
    } else {
      valid.push(user);
    }
  }
  const first = errorUserList[0];
  if (valid.length === 0 && blocked.length === 0 && first) {
    // Said only when waiting is all it takes: no invitee was refused for another reason.
    const wait = errorUserList.every((refused) => refused.reason === ZimErrorCode.FrequencyLimit) ? retryAfterMs : undefined;
    throw new HubError(first.reason, `${method}: nobody to invite: ${why.join('; ')}`, wait);
  }
  return { valid, blocked, errorUserList };
}

/** Adds invitees to the call as Inviting, registering those the hub did not know yet. */
function enlist(core: CallCore, call: Call, users: User[], inviter: string): Member[] {
  return users.map((user) => {
    if (!core.users.has(user.userID)) core.addUser(user);
    return core.enlist(call, user, CallUserState.Inviting, inviter);
  });
}

/** Takes invitees who block the operator out of the call before the invitations go out, so that they hear nothing of it. */
function leaveOut(members: Member[]): void {
  for (const member of members) member.state = CallUserState.Rejected;
}

/**
 * Invitees who block the operator answer at once as a softphone at its line limit does: the
 * invitee of a 1v1 advanced call ends it with the busy reason, any other rejects with it. They
 * are never told of the call.
 */
function turnAwayBlocked(core: CallCore, call: Call, members: Member[]): void {
  const [only] = members;
  if (only && call.mode === CallMode.Advanced && call.members.size === 2) {
    only.state = CallUserState.Ended;
    only.extendedData = BLOCKED_EXTENDED_DATA;
    const endTime = core.now();
    core.toParticipants(call, core.event('callInvitationEnded', {
      callID: call.callID, mode: call.mode, caller: call.caller, operatedUserID: only.user.userID, extendedData: BLOCKED_EXTENDED_DATA, endTime,
    }));
    core.finish(call, endTime);
    return;
  }
  if (members.length === 0) return;
  for (const member of members) {
    member.state = CallUserState.Rejected;
    member.extendedData = BLOCKED_EXTENDED_DATA;
  }
  core.toParticipants(call, core.userStateEvent(call, members));
  const caller = call.members.get(call.caller);
  if (call.mode === CallMode.General && caller && isInCall(caller.state)) {
    for (const member of members) {
      core.toMember(caller, core.event('callInvitationRejected', { callID: call.callID, invitee: member.user.userID, extendedData: BLOCKED_EXTENDED_DATA }));
    }
  }
  core.settle(call);
}

/** Delivers a batch of fresh invitations to online invitees and arms the batch's timers. */
function sendInvitations(core: CallCore, call: Call, invitees: Member[], inviter: string, now: number): void {
  const deadline = now + call.timeoutS * 1000;
  for (const member of invitees) member.deadline = deadline;
  const online = invitees.filter((member) => member.user.sessions.size > 0);
  if (online.length > 0) {
    const frame = core.invitationEvent(call, inviter, call.timeoutS);
    for (const member of online) for (const session of member.user.sessions) core.invite(session, call, frame);
    markReceived(core, call, online);
  }
  if (call.notReceivedCheck && online.length < invitees.length) {
    core.schedule(call, core.notReceivedDelayMs, () => markNotReceived(core, call, invitees, deadline));
  }
  core.schedule(call, call.timeoutS * 1000, () => timeOut(core, call, invitees, deadline));
}


function markReceived(core: CallCore, call: Call, members: Member[]): void {
  for (const member of members) member.state = CallUserState.Received;
  core.toParticipants(call, core.userStateEvent(call, members));
}

function markNotReceived(core: CallCore, call: Call, batch: Member[], deadline: number): void {
  const late = batch.filter((member) => member.deadline === deadline && member.state === CallUserState.Inviting);
  if (late.length === 0) return;
  for (const member of late) member.state = CallUserState.NotYetReceived;
  core.toParticipants(call, core.userStateEvent(call, late));
}

function timeOut(core: CallCore, call: Call, batch: Member[], deadline: number): void {
  const expired = batch.filter((member) => member.deadline === deadline && isPending(member.state));
  if (expired.length === 0) return;
  const timeoutFrame = core.event('callInvitationTimeout', { callID: call.callID, mode: call.mode });
  for (const member of expired) {
    member.state = CallUserState.Timeout;
    core.toUser(member.user, timeoutFrame);
  }
  core.toParticipants(call, core.userStateEvent(call, expired));
  const caller = call.members.get(call.caller);
  if (call.mode === CallMode.General && caller && isInCall(caller.state)) {
    core.toMember(caller, core.event('callInviteesAnsweredTimeout', {
      callID: call.callID, invitees: expired.map((member) => member.user.userID),
    }));
  }
  core.settle(call);
}
