/**
 * Translation between the signaling port (the hub protocol's methods, results and events, which
 * mirror ZIM) and ZIM's SDK: each request becomes one SDK call with the SDK's config shape, each
 * SDK call event becomes a port event carrying exactly the port's fields, and an SDK error (a
 * `{ code, message }` object) becomes a HubError with ZIM's code.
 */
import type {
  ZIMCallInfo,
  ZIMCallUserInfo,
  ZIMErrorUserInfo,
  ZIMEventHandler,
  ZIMUserStatus,
} from 'zego-zim-web';
import { HubError, ZimErrorCode, errorMessage } from '../../../../shared/protocol/errors.js';
import {
  methodParams,
  type CallInfo,
  type CallUserInfo,
  type ErrorUserInfo,
  type HubEventName,
  type HubEvents,
  type HubMethod,
  type MethodParams,
  type MethodResults,
  type UserStatus,
} from '../../../../shared/protocol/hub.js';
import type { HubOnlyEvent, HubOnlyMethod } from '../../../../shared/protocol/media.js';
import { fromZimCallState, fromZimMode, fromZimOnlineStatus, fromZimUserState, toZimMode, type ZimSdk } from './sdk.js';

/**
 * The port's methods that are SDK calls; signing in and out is the client's own business, and
 * media signaling is the hub's alone (ZIM's media path is ZEGO Express).
 */
export type CallMethod = Exclude<HubMethod, 'login' | 'logout' | HubOnlyMethod>;
/** The port's events that ZIM's SDK emits. */
export type ZimEventName = Exclude<HubEventName, HubOnlyEvent>;

export const isCallMethod = (method: HubMethod): method is CallMethod =>
  method !== 'login' && method !== 'logout' && method !== 'callMediaSignal';

type SdkPayload<E extends ZimEventName> = Parameters<ZIMEventHandler[E]>[1];

const userInfo = (user: ZIMCallUserInfo): CallUserInfo => ({
  userID: user.userID,
  state: fromZimUserState(user.state),
  extendedData: user.extendedData,
});
const errorUser = (user: ZIMErrorUserInfo): ErrorUserInfo => ({ userID: user.userID, reason: user.reason });
const userStatus = (status: ZIMUserStatus): UserStatus => ({
  userID: status.userID,
  onlineStatus: fromZimOnlineStatus(status.onlineStatus),
  customStatus: status.customStatus,
  lastUpdateTime: status.lastUpdateTime,
});
const callInfo = (call: ZIMCallInfo): CallInfo => ({
  callID: call.callID,
  caller: call.caller,
  inviter: call.inviter,
  createTime: call.createTime,
  endTime: call.endTime,
  state: fromZimCallState(call.state),
  mode: fromZimMode(call.mode),
  extendedData: call.extendedData,
  callUserList: call.callUserList.map(userInfo),
});

/** SDK event payload → port event payload, field by field. */
export const fromZimEvent: { [E in ZimEventName]: (data: SdkPayload<E>) => HubEvents[E] } = {
  callInvitationCreated: (d) => ({
    callID: d.callID, mode: fromZimMode(d.mode), caller: d.caller, extendedData: d.extendedData, timeout: d.timeout,
    createTime: d.createTime, callUserList: d.callUserList.map(userInfo),
  }),
  callInvitationReceived: (d) => ({
    callID: d.callID, mode: fromZimMode(d.mode), caller: d.caller, inviter: d.inviter, extendedData: d.extendedData,
    timeout: d.timeout, createTime: d.createTime, callUserList: d.callUserList.map(userInfo),
  }),
  callInvitationCancelled: (d) => ({ callID: d.callID, mode: fromZimMode(d.mode), inviter: d.inviter, extendedData: d.extendedData }),
  callInvitationTimeout: (d) => ({ callID: d.callID, mode: fromZimMode(d.mode) }),
  callInvitationEnded: (d) => ({
    callID: d.callID, mode: fromZimMode(d.mode), caller: d.caller, operatedUserID: d.operatedUserID,
    extendedData: d.extendedData, endTime: d.endTime,
  }),
  callUserStateChanged: (d) => ({ callID: d.callID, callUserList: d.callUserList.map(userInfo) }),
  callInvitationAccepted: (d) => ({ callID: d.callID, invitee: d.invitee, extendedData: d.extendedData }),
  callInvitationRejected: (d) => ({ callID: d.callID, invitee: d.invitee, extendedData: d.extendedData }),
  callInviteesAnsweredTimeout: (d) => ({ callID: d.callID, invitees: [...d.invitees] }),
  userStatusUpdated: (d) => ({ userStatusList: d.userStatusList.map(userStatus) }),
};

export const zimEventNames = Object.keys(fromZimEvent) as ZimEventName[];

/** Port request → SDK call → port result. */
const calls: { [M in CallMethod]: (zim: ZimSdk, params: MethodParams<M>) => Promise<MethodResults[M]> } = {
  async callInvite(zim, { invitees, config }) {
    const sent = await zim.callInvite(invitees, {
      timeout: config.timeout,
      mode: toZimMode(config.mode),
      extendedData: config.extendedData,
      enableNotReceivedCheck: config.enableNotReceivedCheck,
    });
    return { callID: sent.callID, timeout: sent.timeout, errorUserList: sent.errorUserList.map(errorUser) };
  },
  async callingInvite(zim, { invitees, callID }) {
    const sent = await zim.callingInvite(invitees, callID, {});
    return { callID: sent.callID, errorUserList: sent.errorUserList.map(errorUser) };
  },
  async callCancel(zim, { invitees, callID, config }) {
    const sent = await zim.callCancel(invitees, callID, { extendedData: config.extendedData });
    return { callID: sent.callID, errorInvitees: [...sent.errorInvitees] };
  },
  async callAccept(zim, { callID, config }) {
    const sent = await zim.callAccept(callID, { extendedData: config.extendedData });
    return { callID: sent.callID };
  },
  async callReject(zim, { callID, config }) {
    const sent = await zim.callReject(callID, { extendedData: config.extendedData });
    return { callID: sent.callID };
  },
  async callJoin(zim, { callID, config }) {
    const sent = await zim.callJoin(callID, { extendedData: config.extendedData });
    return {
      callID: sent.callID, createTime: sent.createTime, joinTime: sent.joinTime, extendedData: sent.extendedData,
      callUserList: sent.callUserList.map(userInfo),
    };
  },
  async callQuit(zim, { callID, config }) {
    const sent = await zim.callQuit(callID, { extendedData: config.extendedData });
    return { callID: sent.callID, createTime: sent.createTime, acceptTime: sent.acceptTime, quitTime: sent.quitTime };
  },
  async callEnd(zim, { callID, config }) {
    const sent = await zim.callEnd(callID, { extendedData: config.extendedData });
    return { callID: sent.callID, createTime: sent.createTime, acceptTime: sent.acceptTime, endTime: sent.endTime };
  },
  async queryCallInvitationList(zim, { config }) {
    const queried = await zim.queryCallInvitationList({ count: config.count, nextFlag: config.nextFlag });
    return { callList: queried.callList.map(callInfo), nextFlag: queried.nextFlag };
  },
  async subscribeUsersStatus(zim, { userIDs, config }) {
    const sent = await zim.subscribeUsersStatus(userIDs, { subscriptionDuration: config.subscriptionDuration });
    return { errorUserList: sent.errorUserList.map(errorUser) };
  },
  async unsubscribeUsersStatus(zim, { userIDs }) {
    const sent = await zim.unsubscribeUsersStatus(userIDs);
    return { errorUserList: sent.errorUserList.map(errorUser) };
  },
  async queryUsersStatus(zim, { userIDs }) {
    const queried = await zim.queryUsersStatus(userIDs);
    return { userStatusList: queried.userStatusList.map(userStatus), errorUserList: queried.errorUserList.map(errorUser) };
  },
  async updateUserCustomStatus(zim, { customStatus }) {
    const sent = await zim.updateUserCustomStatus(customStatus);
    return { customStatus: sent.customStatus };
  },
  // The block list maps to the SDK's methods of the same names.
  async addUsersToBlacklist(zim, { userIDs }) {
    const sent = await zim.addUsersToBlacklist(userIDs);
    return { errorUserList: sent.errorUserList.map(errorUser) };
  },
  async removeUsersFromBlacklist(zim, { userIDs }) {
    const sent = await zim.removeUsersFromBlacklist(userIDs);
    return { errorUserList: sent.errorUserList.map(errorUser) };
  },
  async queryBlacklist(zim, { config }) {
    const queried = await zim.queryBlacklist({ count: config.count, nextFlag: config.nextFlag });
    return { blacklist: queried.blacklist.map((user) => ({ userID: user.userID })), nextFlag: queried.nextFlag };
  },
};

/**
 * Runs one port request on the SDK. Parameters are checked and defaulted by the hub protocol's own
 * schemas, so both backends accept exactly the same requests.
 */
export async function callZim<M extends CallMethod>(zim: ZimSdk, method: M, input: unknown): Promise<MethodResults[M]> {
  const parsed = methodParams[method].safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.join('.') : 'params';
    throw new HubError(ZimErrorCode.ParamsInvalid, `${method}: ${field}: ${issue?.message ?? 'invalid'}`);
  }
  const run = calls[method] as (zim: ZimSdk, params: MethodParams<M>) => Promise<MethodResults[M]>;
  try {
    return await run(zim, parsed.data as MethodParams<M>);
  } catch (error) {
    throw toHubError(method, error);
  }
}

/** An SDK failure as a HubError: ZIM rejects with `{ code, message }`, not an Error. */
export function toHubError(what: string, error: unknown): HubError {
  if (typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'number') {
    const { code, message } = error as { code: number; message?: unknown };
    return new HubError(code, `${what}: ${typeof message === 'string' && message ? message : `ZIM error ${code}`}`);
  }
  return new HubError(ZimErrorCode.CallCommonError, `${what}: ${errorMessage(error)}`);
}
