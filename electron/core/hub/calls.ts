/**
 * The hub's call registry: the whole ZIM call-invitation state machine behind a socket-free
 * interface. A transport opens a session per connection with a `send` function, hands it each
 * well-formed request frame, and closes it when the connection goes; the registry validates
 * parameters, authenticates, runs the operation, replies, and then sends the events it caused.
 */
import { HubError, ZimErrorCode } from '../../../shared/protocol/errors.js';
import { methodParams, type HubMethod, type MethodParams, type MethodResults } from '../../../shared/protocol/hub.js';
import { verifyToken } from '../auth/token.js';
import { callAnswer, callCancel, callEnd, callQuit, deviceGone, goOffline } from './answer.js';
import { addUsersToBlacklist, queryBlacklist, removeUsersFromBlacklist } from './blacklist.js';
import { CallCore, errorText } from './core.js';
import { fastInviteParams, fastOperationParams } from './fastParams.js';
import { callingInvite, callInvite, callJoin, deliverPending } from './invite.js';
import { loadKnownUsers, rememberKnownUser } from './knownUsers.js';
import { callMediaSignal } from './media.js';
import { assertNever, systemClock, User, type HubClock, type Session } from './model.js';
import { Presence } from './presence.js';

export type { HubClock, Session } from './model.js';
export { DEFAULT_HISTORY_PER_USER, DEFAULT_NOT_RECEIVED_DELAY_MS } from './core.js';

export interface CallRegistryOptions {
  /** The HMAC secret that login tokens are signed with (see auth/token.ts). */
  secret: string;
  clock?: HubClock;
  log?: (line: string) => void;
  /** Delay before enableNotReceivedCheck reports an undelivered invitation; ZIM uses 5 s. */
  notReceivedDelayMs?: number;
  /** Calls remembered per user for queryCallInvitationList. */
  historyPerUser?: number;
  /** Calls a user may have ringing at once with invitations of theirs unanswered. */
  maxOpenInvitations?: number;
  /** See CoreOptions.openJoin. */
  openJoin?: boolean;
  /** Where the users ever signed in are kept across restarts (knownUsers.ts); none: in memory only. */
  knownUsersFile?: string;
  /** See CoreOptions.reportUnknownUsers. */
  reportUnknownUsers?: boolean;
  /** See CoreOptions.declineCooldownMs. */
  declineCooldownMs?: number;
  /** See CoreOptions.maxRingingPerCallee. */
  maxRingingPerCallee?: number;
  /** See CoreOptions.leaveWithDevice. */
  leaveWithDevice?: boolean;
  /** See CoreOptions.reconnectGraceMs. */
  reconnectGraceMs?: number;
}

export interface RegistryStats {
  sessions: number;
  users: number;
  /** Calls held in memory: started ones, plus ended ones still in someone's history. */
  calls: number;
  /** Calls not ended yet. */
  startedCalls: number;
}

export class CallRegistry {
  readonly #core: CallCore;
  readonly #presence: Presence;
  readonly #knownUsersFile: string | undefined;
  readonly #secret: string;
  readonly #sessions = new Set<Session>();
  /** Signed-in userIDs by their lower-case form: a second user differing only in case is refused. */
  readonly #byFoldedID = new Map<string, string>();
  #nextSessionId = 1;
  #disposed = false;

  constructor(options: CallRegistryOptions) {
    this.#secret = options.secret;
    this.#core = new CallCore({
      clock: options.clock ?? systemClock,
      log: options.log ?? (() => {}),
      notReceivedDelayMs: options.notReceivedDelayMs,
      historyPerUser: options.historyPerUser,
      maxOpenInvitations: options.maxOpenInvitations,
      openJoin: options.openJoin,
      reportUnknownUsers: options.reportUnknownUsers,
      declineCooldownMs: options.declineCooldownMs,
      maxRingingPerCallee: options.maxRingingPerCallee,
      leaveWithDevice: options.leaveWithDevice,
      reconnectGraceMs: options.reconnectGraceMs,
    });
    this.#presence = new Presence(this.#core);
    const known = options.knownUsersFile ? loadKnownUsers(options.knownUsersFile, this.#core.log) : null;
    // A file that cannot be kept is not tried again for every user met.
    this.#knownUsersFile = known ? options.knownUsersFile : undefined;
    for (const userID of known ?? []) this.#core.users.set(userID, new User(userID));
  }

  /** A new connection; `send` delivers one text frame to it. */
  connect(send: (frame: string) => void): Session {
    const session: Session = { id: this.#nextSessionId++, send, owed: null, user: null, open: true };
    this.#sessions.add(session);
    return session;
  }

  /**
   * The connection is gone: the same as a logout, without a reply. `lost`: it failed (no close
   * handshake, missed heartbeats) rather than closed, after `silentMs` without a word from it, and
   * its user may be back in a moment.
   */
  disconnect(session: Session, lost: { silentMs: number } | null): void {
    if (!session.open) return;
    session.open = false;
    this.#sessions.delete(session);
    if (this.#disposed) return;
    this.#signOut(session, false, lost);
    this.#core.flush();
  }

  /**
   * Handles one request whose envelope is well formed. Always sends exactly one reply to the
   * session, before any event the request causes.
   */
  request(session: Session, id: number, method: string, params: unknown): void {
    if (this.#disposed || !session.open) return;
    let reply: string;
    try {
      reply = JSON.stringify({ id, result: this.#run(session, method, params) });
    } catch (error) {
      if (!(error instanceof HubError)) {
        this.#core.log(`${method} from connection ${session.id} failed: ${errorText(error)}`);
      }
      const hubError = error instanceof HubError ? error : new HubError(ZimErrorCode.CallCommonError, `${method}: internal hub error`);
      const { code, message, retryAfterMs } = hubError;
      reply = JSON.stringify({ id, error: retryAfterMs === undefined ? { code, message } : { code, message, retryAfterMs } });
    }
    try {
      session.send(reply);
    } catch (error) {
      this.#core.log(`replying to connection ${session.id} failed: ${errorText(error)}`);
    }
    this.#core.flush();
  }

  stats(): RegistryStats {
    let startedCalls = 0;
    for (const call of this.#core.calls.values()) if (call.started) startedCalls += 1;
    return { sessions: this.#sessions.size, users: this.#core.users.size, calls: this.#core.calls.size, startedCalls };
  }

  /** Stops every timer and ignores everything afterwards. */
  dispose(): void {
    this.#disposed = true;
    this.#core.stopTimers();
  }

  #run(session: Session, method: string, params: unknown): object {
    if (!isHubMethod(method)) throw new HubError(ZimErrorCode.ParamsInvalid, `unknown method "${method}"`);
    const core = this.#core;
    switch (method) {
      case 'login':
        return this.#login(session, parse(method, params));
      case 'logout':
        return this.#logout(session, parse(method, params));
      case 'callInvite':
        return callInvite(core, session, signedIn(session, method), parse(method, params));
      case 'callingInvite':
        return callingInvite(core, signedIn(session, method), parse(method, params));
      case 'callCancel':
        return callCancel(core, signedIn(session, method), parse(method, params));
      case 'callAccept':
      case 'callReject':
        return callAnswer(core, session, signedIn(session, method), method, parse(method, params));
      case 'callJoin':
        return callJoin(core, session, signedIn(session, method), parse(method, params));
      case 'callQuit':
        return callQuit(core, session, signedIn(session, method), parse(method, params));
      case 'callEnd':
        return callEnd(core, session, signedIn(session, method), parse(method, params));
      case 'callMediaSignal':
        return callMediaSignal(core, signedIn(session, method), parse(method, params));
      case 'queryCallInvitationList': {
        const user = signedIn(session, method);
        const { config } = parse(method, params);
        return core.query(user, config.count, config.nextFlag);
      }
      case 'subscribeUsersStatus':
        return this.#presence.subscribe(signedIn(session, method), parse(method, params));
      case 'unsubscribeUsersStatus':
        return this.#presence.unsubscribe(signedIn(session, method), parse(method, params));
      case 'queryUsersStatus':
        signedIn(session, method);
        return this.#presence.query(parse(method, params));
      case 'updateUserCustomStatus':
        return this.#presence.updateCustomStatus(signedIn(session, method), parse(method, params));
      case 'addUsersToBlacklist':
        return addUsersToBlacklist(signedIn(session, method), parse(method, params));
      case 'removeUsersFromBlacklist':
        return removeUsersFromBlacklist(signedIn(session, method), parse(method, params));
      case 'queryBlacklist':
        return queryBlacklist(signedIn(session, method), parse(method, params));
      default:
        return assertNever(method);
    }
  }

  #login(session: Session, params: MethodParams<'login'>): MethodResults['login'] {
    const { userID, token } = params;
    if (session.user) {
      throw new HubError(ZimErrorCode.UserHasAlreadyLogged, `login: this connection is already logged in as ${session.user.userID}`);
    }
    const now = this.#core.now();
    const check = verifyToken(this.#secret, token, userID, now);
    if (!check.ok) {
      if (check.reason === 'expired') throw new HubError(ZimErrorCode.TokenExpired, `login: the token for ${userID} has expired`);
      throw new HubError(ZimErrorCode.TokenInvalid, `login: the token for ${userID} is invalid (${check.reason})`);
    }
    // IDs compare exactly, as in ZIM (a token is for one exact ID); two that differ only in case
    // would be two people whom nobody can tell apart, so the second is refused.
    const folded = userID.toLowerCase();
    const taken = this.#byFoldedID.get(folded);
    if (taken !== undefined && taken !== userID) {
      throw new HubError(ZimErrorCode.UserIDError, `login: ${userID} differs only in case from the user ${taken}, who has signed in to this hub`);
    }
    this.#byFoldedID.set(folded, userID);
    let user = this.#core.users.get(userID);
    if (!user) {
      user = new User(userID);
      this.#core.users.set(userID, user);
      if (this.#knownUsersFile) rememberKnownUser(this.#knownUsersFile, userID, this.#core.log);
    }
    user.signedInOnce = true;
    user.sessions.add(session);
    session.user = user;
    if (user.sessions.size === 1) this.#presence.online(user);
    this.#core.log(`connection ${session.id} logged in as ${userID} (${user.sessions.size} connection(s))`);
    deliverPending(this.#core, user, session);
    return { userID, serverTime: now, reconnectGraceMs: this.#core.reconnectGraceMs };
  }

  #logout(session: Session, _params: MethodParams<'logout'>): MethodResults['logout'] {
    signedIn(session, 'logout');
    this.#signOut(session, true, null);
    return {};
  }

  #signOut(session: Session, loggedOut: boolean, lost: { silentMs: number } | null): void {
    const user = session.user;
    if (!user) return;
    session.user = null;
    user.sessions.delete(session);
    this.#core.log(`connection ${session.id} of ${user.userID} signed out (${user.sessions.size} connection(s) left)`);
    if (user.sessions.size > 0) {
      if (this.#core.leaveWithDevice) deviceGone(this.#core, user, session);
      return;
    }
    goOffline(this.#core, user, lost);
    this.#presence.gone(user, loggedOut);
  }
}

function isHubMethod(method: string): method is HubMethod {
  return Object.hasOwn(methodParams, method);
}

function signedIn(session: Session, method: HubMethod): User {
  if (!session.user) throw new HubError(ZimErrorCode.UserIsNotLogged, `${method}: not logged in`);
  return session.user;
}

/** The requests of every call skip the schema when they have its common shape (fastParams.ts). */
const FAST_PARAMS: { [M in HubMethod]?: (params: unknown) => MethodParams<M> | null } = {
  callInvite: fastInviteParams,
  callEnd: fastOperationParams,
  callAccept: fastOperationParams,
  callReject: fastOperationParams,
  callJoin: fastOperationParams,
  callQuit: fastOperationParams,
};

/** Checks a method's params against its schema; the error names the method and the field. */
function parse<M extends HubMethod>(method: M, params: unknown): MethodParams<M> {
  const fast = (FAST_PARAMS[method] as ((params: unknown) => MethodParams<M> | null) | undefined)?.(params);
  if (fast) return fast;
  const result = methodParams[method].safeParse(params ?? {});
  if (result.success) return result.data as MethodParams<M>;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : 'params';
  throw new HubError(ZimErrorCode.ParamsInvalid, `${method}: ${field}: ${issue?.message ?? 'invalid'}`);
}
