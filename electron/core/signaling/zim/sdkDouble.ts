/**
 * A double of ZEGO's ZIM SDK for tests: an in-memory "ZIM cloud" that several SDK instances sign
 * in to, following docs/zim-semantics.md. The cloud's call model is the real
 * hub registry (which implements that reference); what this file adds is the SDK's surface:
 *
 * - the SDK's methods, client-side checks and error codes (6000121 before login, 6000001 for a bad
 *   callID, invitee list or timeout), rejecting with ZIM's `{ code, message }` objects;
 * - events as `listener(zim, payload)`, one listener per event name (`on` replaces, as ZIM's does);
 * - the operator's own events before the call's promise resolves, as the SDK emits them, with
 *   the SDK's local echoes: the caller's callUserStateChanged (caller Accepted, invitees Inviting)
 *   before callInvitationCreated, and an invitee's own Timeout state before callInvitationTimeout;
 * - sign-in: AppID and token checks (6000003, 6000103, 6000106), connectionStateChanged,
 *   tokenWillExpire 30 s before a token runs out, TokenExpired when it does, and KickedOut when
 *   the same user signs in elsewhere on a cloud that allows one device per user.
 *
 * Every SDK call is recorded in `calls`, so tests can check what the adapter asked for.
 */
import type {
  ZIM,
  ZIMBlacklistQueryConfig,
  ZIMCallAcceptConfig,
  ZIMCallCancelConfig,
  ZIMCallEndConfig,
  ZIMCallingInviteConfig,
  ZIMCallInvitationQueryConfig,
  ZIMUserStatusSubscribeConfig,
  ZIMCallInviteConfig,
  ZIMCallJoinConfig,
  ZIMCallQuitConfig,
  ZIMCallRejectConfig,
  ZIMEventHandler,
  ZIMLoginConfig,
} from 'zego-zim-web';
import { CallUserState } from '../../../../shared/calls/enums.js';
import { ZimErrorCode } from '../../../../shared/protocol/errors.js';
import { DEFAULT_CALL_TIMEOUT_S, MAX_CALL_TIMEOUT_S, type MethodResults } from '../../../../shared/protocol/hub.js';
import type { Session } from '../../hub/calls.js';
import { TestHub } from '../../hub/testkit.js';
import { Delivery } from '../delivery.js';
import type { ZimSdk } from './sdk.js';

export const TEST_APP_ID = 1_234_567_890;
/** ZIM warns this long before a token expires. */
const TOKEN_WARNING_S = 30;

/** What ZIM rejects with. */
export interface ZimErrorObject {
  code: number;
  message: string;
}

interface Frame {
  id?: number;
  result?: Record<string, unknown>;
  error?: ZimErrorObject;
  event?: string;
  data?: unknown;
}

export class ZimCloud {
  readonly appID: number;
  /** The cloud's call model and clock. */
  readonly hub: TestHub;
  /** When set, signing in kicks the user's other devices out, as ZIM does without multi-device login. */
  readonly singleDevice: boolean;
  /**
   * When set, callEnd is refused to a member who has not accepted the call, as ZIM's API
   * reference reads (its guides let an invitee end a 1v1 call with a busy reason): the strict
   * reading, for the softphone to cope with either.
   */
  readonly endNeedsAccept: boolean;
  readonly #tokens = new Map<string, { userID: string; expiresAt: number }>();
  readonly #devices = new Set<ZimSdkDouble>();
  #nextToken = 1;

  constructor(options: { appID?: number; hub?: TestHub; singleDevice?: boolean; endNeedsAccept?: boolean } = {}) {
    this.appID = options.appID ?? TEST_APP_ID;
    // ZIM's cloud lets anyone who knows an advanced call's ID join it, reports unknown invitees
    // (6000281) and does not hold back a caller who was declined or limit invitations per callee.
    this.hub = options.hub ?? new TestHub({ openJoin: true, reportUnknownUsers: true, declineCooldownMs: 0, maxRingingPerCallee: 0 });
    this.singleDevice = options.singleDevice ?? false;
    this.endNeedsAccept = options.endNeedsAccept ?? false;
  }

  /** A token as the user's token endpoint would mint it with the ServerSecret. */
  issueToken(userID: string, ttlS = 3600): string {
    const token = `04${String(this.#nextToken++).padStart(8, '0')}`;
    this.#tokens.set(token, { userID, expiresAt: this.hub.clock.now() + ttlS * 1000 });
    return token;
  }

  /** A new SDK instance (ZIM.create) for an app with this AppID. */
  sdk(appID = this.appID): ZimSdkDouble {
    const sdk = new ZimSdkDouble(this, appID);
    this.#devices.add(sdk);
    return sdk;
  }

  /** Checks a token for a user: its expiry time, or the ZIM error signing in with it gives. */
  checkToken(token: string, userID: string): { expiresAt: number } | ZimErrorObject {
    const found = this.#tokens.get(token);
    if (!found || found.userID !== userID) return { code: 6000103, message: 'Token is invalid.' };
    if (found.expiresAt <= this.hub.clock.now()) return { code: 6000106, message: 'Token has expired.' };
    return { expiresAt: found.expiresAt };
  }

  signedIn(device: ZimSdkDouble, userID: string): void {
    if (!this.singleDevice) return;
    for (const other of this.#devices) if (other !== device && other.userID === userID) other.kickOut();
  }
}

type Listener = (zim: ZIM, data: unknown) => void;

export class ZimSdkDouble implements ZimSdk {
  readonly calls: Array<{ method: string; args: unknown[] }> = [];
  readonly #cloud: ZimCloud;
  readonly #appID: number;
  readonly #listeners = new Map<string, Listener>();
  #session: Session | null = null;
  #userID: string | null = null;
  #nextId = 1;
  /** Frames the registry sends while one of this device's requests runs. */
  #capturing: Frame[] | null = null;
  readonly #delivery = new Delivery();
  #tokenTimers: unknown[] = [];

  constructor(cloud: ZimCloud, appID: number) {
    this.#cloud = cloud;
    this.#appID = appID;
  }

  get userID(): string | null {
    return this.#userID;
  }

  // ---- what the SDK offers ----

  on<K extends keyof ZIMEventHandler>(type: K, listener: ZIMEventHandler[K]): void {
    this.calls.push({ method: 'on', args: [type] });
    this.#listeners.set(type, listener as Listener);
  }

  off<K extends keyof ZIMEventHandler>(type: K): void {
    this.#listeners.delete(type);
  }

  login(userID: string, config: ZIMLoginConfig): Promise<void>;
  login(userInfo: { userID: string }, token: string): Promise<void>;
  login(user: string | { userID: string }, config: ZIMLoginConfig | string): Promise<void> {
    this.calls.push({ method: 'login', args: [user, config] });
    const userID = typeof user === 'string' ? user : user.userID;
    const token = typeof config === 'string' ? config : config.token;
    if (this.#session) return rejected(6000111, 'The user has already logged in.');
    this.emit('connectionStateChanged', { state: 1, event: 0, extendedData: '' });
    const refused = (error: ZimErrorObject): Promise<void> => {
      this.emit('connectionStateChanged', { state: 0, event: 3, extendedData: '' });
      return Promise.reject(error);
    };
    if (this.#appID !== this.#cloud.appID) return refused({ code: 6000003, message: 'The appID is invalid.' });
    const check = this.#cloud.checkToken(token, userID);
    if ('code' in check) return refused(check);
    const session = this.#cloud.hub.registry.connect((frame) => this.#receive(session, frame));
    this.#session = session;
    return this.#send('login', { userID, token: this.#cloud.hub.token(userID) }).then(
      () => {
        this.#userID = userID;
        this.#watchToken(check.expiresAt);
        this.#cloud.signedIn(this, userID);
        this.emit('connectionStateChanged', { state: 2, event: 0, extendedData: '' });
      },
      (error: ZimErrorObject) => {
        this.#disconnect();
        return refused(error);
      },
    );
  }

  logout(): void {
    this.calls.push({ method: 'logout', args: [] });
    if (!this.#session) return;
    this.#disconnect();
    this.emit('connectionStateChanged', { state: 0, event: 1, extendedData: '' });
  }

  renewToken(token: string): Promise<{ token: string }> {
    this.calls.push({ method: 'renewToken', args: [token] });
    if (!this.#userID) return rejected(6000121, 'Not logged.');
    const check = this.#cloud.checkToken(token, this.#userID);
    if ('code' in check) return Promise.reject(check);
    this.#watchToken(check.expiresAt);
    return Promise.resolve({ token });
  }

  destroy(): void {
    this.calls.push({ method: 'destroy', args: [] });
    this.#disconnect();
    this.#listeners.clear();
  }

  callInvite(invitees: string[], config: ZIMCallInviteConfig): ReturnType<ZIM['callInvite']> {
    this.calls.push({ method: 'callInvite', args: [invitees, config] });
    if (!Array.isArray(invitees) || invitees.length === 0) return rejected(6000001, 'invitees is invalid.');
    const { timeout } = config;
    // Checked before the default applies: 0 is refused, and only a missing timeout becomes 90.
    if (typeof timeout === 'number' && (!Number.isInteger(timeout) || timeout < 1 || timeout > MAX_CALL_TIMEOUT_S)) {
      return rejected(6000001, 'The config of timeout is invalid or its size exceeds 600.');
    }
    const valid = [...new Set(invitees.filter((id) => typeof id === 'string' && id !== ''))];
    return this.#call<{ callID: string; timeout: number; errorUserList: Array<{ userID: string; reason: number }> }>('callInvite', {
      invitees: valid,
      config: {
        timeout: timeout || DEFAULT_CALL_TIMEOUT_S,
        mode: config.mode || 0,
        extendedData: config.extendedData ?? '',
        enableNotReceivedCheck: config.enableNotReceivedCheck ?? false,
      },
    }).then((sent) => ({
      ...sent,
      // The SDK still fills this deprecated field, which its result type no longer declares.
      errorInvitees: sent.errorUserList.map((user) => ({ userID: user.userID, state: -1, extendedData: '' })),
    }));
  }

  callingInvite(invitees: string[], callID: string, config: ZIMCallingInviteConfig): ReturnType<ZIM['callingInvite']> {
    this.calls.push({ method: 'callingInvite', args: [invitees, callID, config] });
    if (typeof callID !== 'string' || !Array.isArray(invitees) || invitees.length === 0) {
      return rejected(6000001, 'callID or invitees is invalid.');
    }
    return this.#call<{ callID: string; errorUserList: Array<{ userID: string; reason: number }> }>('callingInvite', { invitees, callID, config: {} });
  }

  callCancel(invitees: string[], callID: string, config: ZIMCallCancelConfig) {
    this.calls.push({ method: 'callCancel', args: [invitees, callID, config] });
    return this.#callOn<{ callID: string; errorInvitees: string[] }>('callCancel', callID, { invitees, config: { extendedData: config.extendedData } });
  }

  callAccept(callID: string, config: ZIMCallAcceptConfig) {
    this.calls.push({ method: 'callAccept', args: [callID, config] });
    return this.#callOn<{ callID: string }>('callAccept', callID, { config: { extendedData: config.extendedData } });
  }

  callReject(callID: string, config: ZIMCallRejectConfig) {
    this.calls.push({ method: 'callReject', args: [callID, config] });
    return this.#callOn<{ callID: string }>('callReject', callID, { config: { extendedData: config.extendedData } });
  }

  callJoin(callID: string, config: ZIMCallJoinConfig) {
    this.calls.push({ method: 'callJoin', args: [callID, config] });
    type Joined = Awaited<ReturnType<ZIM['callJoin']>>;
    return this.#callOn<Joined>('callJoin', callID, { config: { extendedData: config.extendedData } });
  }

  callQuit(callID: string, config: ZIMCallQuitConfig) {
    this.calls.push({ method: 'callQuit', args: [callID, config] });
    return this.#callOn<{ callID: string; createTime: number; acceptTime: number; quitTime: number }>('callQuit', callID, {
      config: { extendedData: config.extendedData },
    });
  }

  callEnd(callID: string, config: ZIMCallEndConfig) {
    this.calls.push({ method: 'callEnd', args: [callID, config] });
    type Ended = { callID: string; createTime: number; acceptTime: number; endTime: number };
    if (this.#cloud.endNeedsAccept && this.#ownState(callID) !== CallUserState.Accepted) {
      return rejected<Ended>(ZimErrorCode.CallCommonError, `${this.#userID} has not accepted call ${callID}`);
    }
    return this.#callOn<Ended>('callEnd', callID, {
      config: { extendedData: config.extendedData },
    });
  }

  queryCallInvitationList(config: ZIMCallInvitationQueryConfig) {
    this.calls.push({ method: 'queryCallInvitationList', args: [config] });
    type Queried = Awaited<ReturnType<ZIM['queryCallInvitationList']>>;
    return this.#call<Queried>('queryCallInvitationList', { config: { count: config.count, nextFlag: config.nextFlag ?? 0 } });
  }

  subscribeUsersStatus(userIDs: string[], config: ZIMUserStatusSubscribeConfig) {
    this.calls.push({ method: 'subscribeUsersStatus', args: [userIDs, config] });
    type Subscribed = Awaited<ReturnType<ZIM['subscribeUsersStatus']>>;
    return this.#call<Subscribed>('subscribeUsersStatus', { userIDs, config: { subscriptionDuration: config.subscriptionDuration } });
  }

  unsubscribeUsersStatus(userIDs: string[]) {
    this.calls.push({ method: 'unsubscribeUsersStatus', args: [userIDs] });
    type Unsubscribed = Awaited<ReturnType<ZIM['unsubscribeUsersStatus']>>;
    return this.#call<Unsubscribed>('unsubscribeUsersStatus', { userIDs });
  }

  queryUsersStatus(userIDs: string[]) {
    this.calls.push({ method: 'queryUsersStatus', args: [userIDs] });
    type Queried = Awaited<ReturnType<ZIM['queryUsersStatus']>>;
    return this.#call<Queried>('queryUsersStatus', { userIDs });
  }

  updateUserCustomStatus(customStatus: string) {
    this.calls.push({ method: 'updateUserCustomStatus', args: [customStatus] });
    type Updated = Awaited<ReturnType<ZIM['updateUserCustomStatus']>>;
    return this.#call<Updated>('updateUserCustomStatus', { customStatus });
  }

  addUsersToBlacklist(userIDs: string[]) {
    this.calls.push({ method: 'addUsersToBlacklist', args: [userIDs] });
    return this.#call<Awaited<ReturnType<ZIM['addUsersToBlacklist']>>>('addUsersToBlacklist', { userIDs });
  }

  removeUsersFromBlacklist(userIDs: string[]) {
    this.calls.push({ method: 'removeUsersFromBlacklist', args: [userIDs] });
    return this.#call<Awaited<ReturnType<ZIM['removeUsersFromBlacklist']>>>('removeUsersFromBlacklist', { userIDs });
  }

  queryBlacklist(config: ZIMBlacklistQueryConfig) {
    this.calls.push({ method: 'queryBlacklist', args: [config] });
    // The cloud knows user IDs only; ZIM's entries are ZIMUserInfo.
    return this.#call<{ blacklist: Array<{ userID: string }>; nextFlag: number }>('queryBlacklist', {
      config: { count: config.count, nextFlag: config.nextFlag ?? 0 },
    }).then(({ blacklist, nextFlag }) => ({
      blacklist: blacklist.map(({ userID }) => ({ userID, userName: userID, userAvatarUrl: '', userExtendedData: '' })),
      nextFlag,
    }));
  }

  // ---- what tests drive ----

  /** Emits an SDK event exactly as given, to the listener registered for it. */
  emit(type: keyof ZIMEventHandler, data: unknown): void {
    this.#listeners.get(type)?.(this as unknown as ZIM, data);
  }

  /** The network is gone: the cloud drops the session (its calls end) and the SDK reports it. */
  drop(): void {
    if (!this.#session) return;
    this.#disconnect();
    this.emit('connectionStateChanged', { state: 0, event: 3, extendedData: '' });
  }

  /** The cloud signed this device out because its user signed in elsewhere. */
  kickOut(): void {
    if (!this.#session) return;
    this.#disconnect();
    this.emit('connectionStateChanged', { state: 0, event: 4, extendedData: '' });
  }

  /** Keeps incoming frames back until release(), as a busy process does. */
  hold(): void {
    this.#delivery.hold();
  }

  release(): void {
    this.#delivery.release();
  }

  // ---- inside ----

  /** A call API on a callID: checked as the SDK checks it before anything is sent. */
  #callOn<R>(method: string, callID: string, rest: Record<string, unknown>): Promise<R> {
    if (typeof callID !== 'string' || callID === '' || callID.length > 20) {
      return rejected(6000001, 'callID is invalid or its length exceeds 20.');
    }
    return this.#call<R>(method, { callID, ...rest });
  }

  #call<R>(method: string, params: Record<string, unknown>): Promise<R> {
    if (!this.#userID) return rejected(6000121, 'Not logged with call.');
    return this.#send(method, params) as Promise<R>;
  }

  /** This user's state in a call, as the cloud holds it; null when not in it (or not signed in). */
  #ownState(callID: string): number | null {
    const session = this.#session;
    if (!session) return null;
    const id = this.#nextId++;
    const frames: Frame[] = [];
    this.#capturing = frames;
    try {
      this.#cloud.hub.registry.request(session, id, 'queryCallInvitationList', { config: { count: 100, nextFlag: 0 } });
    } finally {
      this.#capturing = null;
    }
    const result = frames.find((frame) => frame.id === id)?.result as MethodResults['queryCallInvitationList'] | undefined;
    const call = result?.callList.find((info) => info.callID === callID);
    return call?.callUserList.find((user) => user.userID === this.#userID)?.state ?? null;
  }

  #send(method: string, params: unknown): Promise<unknown> {
    const session = this.#session;
    if (!session) return rejected(6000121, 'Not logged with call.');
    const id = this.#nextId++;
    const frames: Frame[] = [];
    this.#capturing = frames;
    try {
      this.#cloud.hub.registry.request(session, id, method, params);
    } finally {
      this.#capturing = null;
    }
    const reply = frames.find((frame) => frame.id === id);
    const events = frames.filter((frame) => frame.event !== undefined);
    return new Promise((resolve, reject) => {
      this.#delivery.deliver(() => {
        // The SDK emits the operator's own events first, then settles the call's promise.
        for (const frame of events) this.#emitWithEcho(frame);
        if (!reply) reject({ code: 6000104, message: `${method}: no reply` });
        else if (reply.error) reject({ code: reply.error.code, message: zimMessage(method, reply.error.message) });
        else resolve(reply.result);
      });
    });
  }

  #receive(session: Session, text: string): void {
    const frame = JSON.parse(text) as Frame;
    if (this.#capturing) return void this.#capturing.push(frame);
    this.#delivery.deliver(() => {
      if (session === this.#session && frame.event) this.#emitWithEcho(frame);
    });
  }

  /** Emits an event from the cloud, after the state change the SDK itself emits before it. */
  #emitWithEcho(frame: Frame): void {
    if (frame.event === 'callInvitationCreated') {
      const { callID, callUserList } = frame.data as { callID: string; callUserList: unknown[] };
      this.emit('callUserStateChanged', { callID, callUserList });
    } else if (frame.event === 'callInvitationTimeout') {
      const { callID } = frame.data as { callID: string };
      this.emit('callUserStateChanged', { callID, callUserList: [{ userID: this.#userID, state: CallUserState.Timeout, extendedData: '' }] });
    }
    this.emit(frame.event as keyof ZIMEventHandler, frame.data);
  }

  #watchToken(expiresAt: number): void {
    const clock = this.#cloud.hub.clock;
    for (const timer of this.#tokenTimers) clock.clearTimer(timer);
    const left = expiresAt - clock.now();
    this.#tokenTimers = [
      clock.setTimer(() => this.emit('tokenWillExpire', { second: TOKEN_WARNING_S }), Math.max(0, left - TOKEN_WARNING_S * 1000)),
      clock.setTimer(() => {
        if (!this.#session) return;
        this.#disconnect();
        this.emit('connectionStateChanged', { state: 0, event: 5, extendedData: '' });
      }, left),
    ];
  }

  #disconnect(): void {
    const session = this.#session;
    this.#session = null;
    this.#userID = null;
    for (const timer of this.#tokenTimers) this.#cloud.hub.clock.clearTimer(timer);
    this.#tokenTimers = [];
    // The double's cloud drops the session's calls at once: what ZIM's server does with the calls of
    // a session its SDK gave up reconnecting is not documented, and the ZimClient keeps none then.
    if (session) this.#cloud.hub.registry.disconnect(session, null);
  }
}

/** The cloud's refusal as ZIM words it: ZIM's messages do not name the method, the hub's do. */
function zimMessage(method: string, message: string): string {
  return message.startsWith(`${method}: `) ? message.slice(method.length + 2) : message;
}

function rejected<T>(code: number, message: string): Promise<T> {
  return Promise.reject({ code, message } satisfies ZimErrorObject);
}
