/**
 * The local hub's wire protocol: JSON text frames over a WebSocket whose method names, event
 * names, payload fields and numeric enums mirror ZIM's call-invitation API. docs/protocol.md
 * is the prose version of this file; keep the two together.
 *
 *   client → hub   { "id": 7, "method": "callInvite", "params": { … } }
 *   hub → client   { "id": 7, "result": { … } }  or  { "id": 7, "error": { "code": 6000001, "message": "…" } }
 *   hub → client   { "event": "callInvitationReceived", "data": { … } }
 */
import * as z from '../zod.js';
import { CallMode, CallState, CallUserState, UserOnlineStatus } from '../calls/enums.js';
import { mediaSignalSchema, type MediaSignal } from './media.js';
import { USER_ID_PATTERN, USER_ID_RULE } from './userId.js';

export const MAX_FRAME_BYTES = 16 * 1024;
export const MAX_EXTENDED_DATA = 2048;
export const MAX_INVITEES = 9;
export const MAX_PARTICIPANTS = 10;
export const DEFAULT_CALL_TIMEOUT_S = 90;
export const MAX_CALL_TIMEOUT_S = 600;
export const MAX_QUERY_COUNT = 100;
/** User IDs one user-status request may name (ZIM: 100). */
export const MAX_STATUS_USERS = 100;
/** Users one user may follow at once (ZIM: 3,000). */
export const MAX_STATUS_SUBSCRIPTIONS = 3000;
/** Longest subscription, in minutes (ZIM: 30 days). */
export const MAX_SUBSCRIPTION_MINUTES = 30 * 24 * 60;
/** Longest custom status, in characters (ZIM: 64 bytes). */
export const MAX_CUSTOM_STATUS = 64;
/** Users one user may block (ZIM's blacklist); addUsersToBlacklist past it fails with 6000808. */
export const MAX_BLACKLIST = 1000;
/** Users one block-list request may name. */
export const MAX_BLACKLIST_REQUEST = 100;

export const userIdSchema = z.string().check(z.regex(USER_ID_PATTERN, USER_ID_RULE));
/** The hub's call IDs are decimal numbers; ZIM's are strings of up to 20 characters. */
export const MAX_CALL_ID_LENGTH = 20;
export const callIdSchema = z.string().check(z.minLength(1), z.maxLength(MAX_CALL_ID_LENGTH));
const extendedDataSchema = z._default(z.string().check(z.maxLength(MAX_EXTENDED_DATA)), '');
const modeSchema = z.union([z.literal(CallMode.General), z.literal(CallMode.Advanced)]);
/** ZIM accepts a push config and the hub records nothing of it: it has no offline push. */
const pushConfigSchema = z.optional(z.looseObject({}));
const operationConfig = z.strictObject({ extendedData: extendedDataSchema, pushConfig: pushConfigSchema });
/**
 * Longest invitee list a request may carry. Deliberately above MAX_INVITEES: the hub de-duplicates
 * the list and refuses more than MAX_INVITEES distinct users with 6000272, as ZIM does.
 */
export const MAX_INVITEE_LIST = 64;
const inviteeListSchema = z.array(userIdSchema).check(z.maxLength(MAX_INVITEE_LIST));
const statusUserListSchema = z.array(userIdSchema).check(z.minLength(1), z.maxLength(MAX_STATUS_USERS));

/** One page of a list query: ZIM treats a count over 100 as 100; nextFlag 0 is the first page. */
const pageConfigSchema = z.strictObject({
  count: z.pipe(
    z.number().check(z.int(), z.gte(1)),
    z.transform((n: number) => Math.min(n, MAX_QUERY_COUNT)),
  ),
  nextFlag: z._default(z.number().check(z.int(), z.gte(0)), 0),
});

export const methodParams = {
  login: z.strictObject({ userID: userIdSchema, token: z.string().check(z.minLength(1), z.maxLength(1024)) }),
  logout: z.strictObject({}),
  callInvite: z.strictObject({
    invitees: inviteeListSchema.check(z.minLength(1)),
    config: z.strictObject({
      timeout: z._default(z.number().check(z.int(), z.gte(1), z.lte(MAX_CALL_TIMEOUT_S)), DEFAULT_CALL_TIMEOUT_S),
      mode: z._default(modeSchema, CallMode.General),
      extendedData: extendedDataSchema,
      enableNotReceivedCheck: z._default(z.boolean(), false),
      pushConfig: pushConfigSchema,
    }),
  }),
  callingInvite: z.strictObject({
    invitees: inviteeListSchema.check(z.minLength(1)),
    callID: callIdSchema,
    config: z.strictObject({ pushConfig: pushConfigSchema }),
  }),
  callCancel: z.strictObject({ invitees: inviteeListSchema, callID: callIdSchema, config: operationConfig }),
  callAccept: z.strictObject({ callID: callIdSchema, config: operationConfig }),
  callReject: z.strictObject({ callID: callIdSchema, config: operationConfig }),
  callJoin: z.strictObject({ callID: callIdSchema, config: operationConfig }),
  callQuit: z.strictObject({ callID: callIdSchema, config: operationConfig }),
  callEnd: z.strictObject({ callID: callIdSchema, config: operationConfig }),
  /** Hub-only (protocol/media.ts): an offer, answer or ICE candidate for one other Accepted member. */
  callMediaSignal: z.strictObject({ callID: callIdSchema, toUserID: userIdSchema, signal: mediaSignalSchema }),
  queryCallInvitationList: z.strictObject({ config: pageConfigSchema }),
  subscribeUsersStatus: z.strictObject({
    userIDs: statusUserListSchema,
    config: z.strictObject({ subscriptionDuration: z.number().check(z.int(), z.gte(1), z.lte(MAX_SUBSCRIPTION_MINUTES)) }),
  }),
  unsubscribeUsersStatus: z.strictObject({ userIDs: statusUserListSchema }),
  queryUsersStatus: z.strictObject({ userIDs: statusUserListSchema }),
  updateUserCustomStatus: z.strictObject({ customStatus: z.string().check(z.maxLength(MAX_CUSTOM_STATUS)) }),
  addUsersToBlacklist: z.strictObject({ userIDs: z.array(userIdSchema).check(z.minLength(1), z.maxLength(MAX_BLACKLIST_REQUEST)) }),
  removeUsersFromBlacklist: z.strictObject({ userIDs: z.array(userIdSchema).check(z.minLength(1), z.maxLength(MAX_BLACKLIST_REQUEST)) }),
  queryBlacklist: z.strictObject({ config: pageConfigSchema }),
} as const;

export type HubMethod = keyof typeof methodParams;
export type MethodParams<M extends HubMethod> = z.infer<(typeof methodParams)[M]>;
/** What a caller writes: defaults may be left out. */
export type MethodInput<M extends HubMethod> = z.input<(typeof methodParams)[M]>;
export const hubMethods = Object.keys(methodParams) as HubMethod[];

export const MAX_METHOD_LENGTH = 64;

export const requestFrameSchema = z.strictObject({
  id: z.number().check(z.int(), z.gte(0), z.lte(Number.MAX_SAFE_INTEGER)),
  method: z.string().check(z.maxLength(MAX_METHOD_LENGTH)),
  /** Omitted is the same as {}. */
  params: z.optional(z.unknown()),
});

// ---- shapes the hub sends ----

export interface CallUserInfo {
  userID: string;
  state: CallUserState;
  extendedData: string;
}
export interface ErrorUserInfo {
  userID: string;
  /** Why the user could not be invited; 6000281 for a user this hub has never seen. */
  reason: number;
}
export interface CallInfo {
  callID: string;
  caller: string;
  inviter: string;
  createTime: number;
  /** 0 while the call is Started. */
  endTime: number;
  state: CallState;
  mode: CallMode;
  extendedData: string;
  callUserList: CallUserInfo[];
}

/** ZIM's ZIMUserStatus, less the platform and expiry fields the hub does not track. */
export interface UserStatus {
  userID: string;
  onlineStatus: UserOnlineStatus;
  /** What the user published with updateUserCustomStatus; '' when none. */
  customStatus: string;
  /** When any of this changed last (ms); 0 for a user not seen since the hub started. */
  lastUpdateTime: number;
}

export interface MethodResults {
  /** `reconnectGraceMs`: the hub's own; how long it keeps a user whose connection failed in a conversation (absent: 0). */
  login: { userID: string; serverTime: number; reconnectGraceMs?: number };
  logout: Record<string, never>;
  callInvite: { callID: string; timeout: number; errorUserList: ErrorUserInfo[] };
  callingInvite: { callID: string; errorUserList: ErrorUserInfo[] };
  callCancel: { callID: string; errorInvitees: string[] };
  callAccept: { callID: string };
  callReject: { callID: string };
  callJoin: { callID: string; createTime: number; joinTime: number; extendedData: string; callUserList: CallUserInfo[] };
  callQuit: { callID: string; createTime: number; acceptTime: number; quitTime: number };
  callEnd: { callID: string; createTime: number; acceptTime: number; endTime: number };
  callMediaSignal: { callID: string };
  queryCallInvitationList: { callList: CallInfo[]; nextFlag: number };
  subscribeUsersStatus: { errorUserList: ErrorUserInfo[] };
  unsubscribeUsersStatus: { errorUserList: ErrorUserInfo[] };
  queryUsersStatus: { userStatusList: UserStatus[]; errorUserList: ErrorUserInfo[] };
  updateUserCustomStatus: { customStatus: string };
  addUsersToBlacklist: { errorUserList: ErrorUserInfo[] };
  removeUsersFromBlacklist: { errorUserList: ErrorUserInfo[] };
  /** ZIM's entries are ZIMUserInfo; the hub knows user IDs only. */
  queryBlacklist: { blacklist: Array<{ userID: string }>; nextFlag: number };
}

export interface HubEvents {
  callInvitationCreated: {
    callID: string; mode: CallMode; caller: string; extendedData: string; timeout: number; createTime: number;
    callUserList: CallUserInfo[];
  };
  callInvitationReceived: {
    callID: string; mode: CallMode; caller: string; inviter: string; extendedData: string;
    /** Seconds left for this invitee to answer. */
    timeout: number;
    createTime: number; callUserList: CallUserInfo[];
  };
  callInvitationCancelled: { callID: string; mode: CallMode; inviter: string; extendedData: string };
  callInvitationTimeout: { callID: string; mode: CallMode };
  callInvitationEnded: {
    callID: string; mode: CallMode; caller: string; operatedUserID: string; extendedData: string; endTime: number;
  };
  callUserStateChanged: { callID: string; callUserList: CallUserInfo[] };
  /** Deprecated in ZIM since 2.9.0 and sent for general-mode calls only, to the inviter. */
  callInvitationAccepted: { callID: string; invitee: string; extendedData: string };
  callInvitationRejected: { callID: string; invitee: string; extendedData: string };
  callInviteesAnsweredTimeout: { callID: string; invitees: string[] };
  /** To the users who subscribed to these users' status. */
  userStatusUpdated: { userStatusList: UserStatus[] };
  /** Hub-only: a media signal from another Accepted member of the call. */
  callMediaSignalReceived: { callID: string; fromUserID: string; signal: MediaSignal };
}
export type HubEventName = keyof HubEvents;

// Runtime schemas for what the hub sends, used by clients: a hub is a network peer too.
const callUserInfoSchema = z.object({
  userID: z.string(),
  state: z.number().check(z.int(), z.gte(-1), z.lte(10)) as unknown as z.ZodMiniType<CallUserState>,
  extendedData: z.string(),
});
const modeOut = z.number().check(z.int()) as unknown as z.ZodMiniType<CallMode>;
const userStatusSchema = z.object({
  userID: z.string(),
  onlineStatus: z.number().check(z.int()) as unknown as z.ZodMiniType<UserOnlineStatus>,
  customStatus: z.string(),
  lastUpdateTime: z.number(),
});

export const eventDataSchemas: { [E in HubEventName]: z.ZodMiniType<HubEvents[E]> } = {
  callInvitationCreated: z.object({
    callID: z.string(), mode: modeOut, caller: z.string(), extendedData: z.string(), timeout: z.number(),
    createTime: z.number(), callUserList: z.array(callUserInfoSchema),
  }),
  callInvitationReceived: z.object({
    callID: z.string(), mode: modeOut, caller: z.string(), inviter: z.string(), extendedData: z.string(),
    timeout: z.number(), createTime: z.number(), callUserList: z.array(callUserInfoSchema),
  }),
  callInvitationCancelled: z.object({ callID: z.string(), mode: modeOut, inviter: z.string(), extendedData: z.string() }),
  callInvitationTimeout: z.object({ callID: z.string(), mode: modeOut }),
  callInvitationEnded: z.object({
    callID: z.string(), mode: modeOut, caller: z.string(), operatedUserID: z.string(), extendedData: z.string(),
    endTime: z.number(),
  }),
  callUserStateChanged: z.object({ callID: z.string(), callUserList: z.array(callUserInfoSchema) }),
  callInvitationAccepted: z.object({ callID: z.string(), invitee: z.string(), extendedData: z.string() }),
  callInvitationRejected: z.object({ callID: z.string(), invitee: z.string(), extendedData: z.string() }),
  callInviteesAnsweredTimeout: z.object({ callID: z.string(), invitees: z.array(z.string()) }),
  userStatusUpdated: z.object({ userStatusList: z.array(userStatusSchema) }),
  callMediaSignalReceived: z.object({ callID: z.string(), fromUserID: z.string(), signal: mediaSignalSchema }),
};

const errorUserListSchema = z.array(z.object({ userID: z.string(), reason: z.number() }));

/**
 * Schemas for the replies whose fields a client reads (the CallManager places and extends calls
 * from them); other replies are only awaited. Extra fields pass, as they may in newer hubs.
 */
export const resultSchemas: { [M in HubMethod]?: z.ZodMiniType<MethodResults[M]> } = {
  callInvite: z.object({ callID: z.string().check(z.minLength(1)), timeout: z.number(), errorUserList: errorUserListSchema }),
  callingInvite: z.object({ callID: z.string().check(z.minLength(1)), errorUserList: errorUserListSchema }),
  queryUsersStatus: z.object({ userStatusList: z.array(userStatusSchema), errorUserList: errorUserListSchema }),
  queryBlacklist: z.object({ blacklist: z.array(z.object({ userID: z.string() })), nextFlag: z.number() }),
};

/**
 * Messages both ways carry one or more frames, one single-line JSON object per line (as
 * JSON.stringify writes them): each side batches what it has for the other in one event-loop turn.
 */
export const FRAME_SEPARATOR = '\n';

export function splitFrames(message: string): string[] {
  return message.split(FRAME_SEPARATOR);
}

/** The reconnect grace a login reply states; 0 where it states none usable (another server, an older hub). */
export function reconnectGraceOf(loginResult: Record<string, unknown>): number {
  const ms = loginResult.reconnectGraceMs;
  return typeof ms === 'number' && Number.isInteger(ms) && ms >= 0 && ms <= 2 ** 31 - 1 ? ms : 0;
}

/** A request's failure: ZIM's code and message, and, from the hub, when a 6000005 will have passed. */
export interface ReplyError {
  code: number;
  message: string;
  retryAfterMs?: number;
}
/** Longest wait a refusal may name; the hub names no longer one (a decline's is at most 10 minutes). */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;
export const replyErrorSchema = z.object({ code: z.number(), message: z.string() });
/** Read apart from the rest of the error: a wait that makes no sense is dropped, the refusal still told. */
export const retryAfterSchema = z.number().check(z.int(), z.gte(0), z.lte(MAX_RETRY_AFTER_MS));

