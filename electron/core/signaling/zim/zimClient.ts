/**
 * The signaling port on ZEGOCLOUD's ZIM: the same port as the hub client, so the CallManager runs
 * unchanged on either. It signs in with a token from the user's token endpoint, renews the token
 * when ZIM says it will expire, follows ZIM's connection states, and signs in again after a
 * disconnection unless retrying cannot help (a wrong AppID, a refused token, a kickout, a user ID
 * ZEGOCLOUD unregistered).
 */
import type {
  ZIMConnectionEvent,
  ZIMConnectionState,
  ZIMEventHandler,
  ZIMEventOfConnectionStateChangedResult,
} from 'zego-zim-web';
import { HubError, ZimErrorCode, errorMessage } from '../../../../shared/protocol/errors.js';
import type { HubEventName, HubEvents, HubMethod, MethodInput, MethodResults } from '../../../../shared/protocol/hub.js';
import { PortListeners } from '../listeners.js';
import type { SignalingPort, SignalingStatus } from '../port.js';
import { loadZimSdk, type ZimSdk, type ZimSdkFactory } from './sdk.js';
import type { TokenProvider } from './tokenProvider.js';
import { callZim, fromZimEvent, isCallMethod, toHubError, zimEventNames, type ZimEventName } from './translate.js';

export interface ZimClientOptions {
  appID: number;
  userID: string;
  token: TokenProvider;
  /** Creates the SDK instance; tests pass a double. */
  sdk?: ZimSdkFactory;
  backoff?: { initialMs: number; maxMs: number };
  log?: (line: string) => void;
}

const DEFAULT_BACKOFF = { initialMs: 1000, maxMs: 30_000 };

const Disconnected: ZIMConnectionState.Disconnected = 0;
const Connecting: ZIMConnectionState.Connecting = 1;
const Connected: ZIMConnectionState.Connected = 2;
const Reconnecting: ZIMConnectionState.Reconnecting = 3;
const ActiveLogin: ZIMConnectionEvent.ActiveLogin = 1;
const KickedOut: ZIMConnectionEvent.KickedOut = 4;
const TokenExpired: ZIMConnectionEvent.TokenExpired = 5;
const Unregistered: ZIMConnectionEvent.Unregistered = 6;

/** ZIM login codes that another attempt with the same configuration cannot fix. */
const CONFIGURATION_ERRORS: Record<number, (client: { appID: number; userID: string }) => string> = {
  6000001: ({ userID }) => `ZEGOCLOUD refused the sign-in parameters for ${userID} (6000001)`,
  6000003: ({ appID }) => `ZEGOCLOUD does not know AppID ${appID} (6000003): check the AppID in the ZEGOCLOUD console`,
  6000014: ({ appID }) => `in-app chat (ZIM) is not activated for AppID ${appID} (6000014): activate it in the ZEGOCLOUD console`,
  6000103: ({ appID, userID }) =>
    `ZEGOCLOUD refused the token for ${userID} as invalid (6000103): the token endpoint must sign it with the ServerSecret of AppID ${appID}`,
  6000106: ({ userID }) => `the token endpoint gave ${userID} a token that has already expired (6000106)`,
  6000107: ({ userID }) => `ZEGOCLOUD refused the token for ${userID}: wrong token version (6000107); use a version 04 token`,
  6000108: ({ userID }) => `ZEGOCLOUD refused the token for ${userID}: its validity is too short (6000108)`,
  6000124: ({ userID }) => `ZEGOCLOUD refused the user ID "${userID}" (6000124)`,
};

export class ZimClient implements SignalingPort {
  readonly appID: number;
  readonly userID: string;
  readonly #options: ZimClientOptions;
  readonly #backoff: { initialMs: number; maxMs: number };
  readonly #listeners = new PortListeners();
  #zim: ZimSdk | null = null;
  #closed = false;
  /** A login is in flight: its outcome, not the Disconnected events it causes, decides what next. */
  #signingIn = false;
  /**
   * ZIM has this user signed in: from a login that succeeded until ZIM reports Disconnected. While
   * ZIM restores a lost connection by itself (Reconnecting, Connecting) the user stays signed in
   * and requests go to the SDK, which sends them once it is back or fails them itself.
   */
  #signedIn = false;
  #attempt = 0;
  #retryTimer: NodeJS.Timeout | null = null;
  /** A renewal that failed is tried again: ZIM warns only once before the token runs out. */
  #renewTimer: NodeJS.Timeout | null = null;

  constructor(options: ZimClientOptions) {
    this.appID = options.appID;
    this.userID = options.userID;
    this.#options = options;
    this.#backoff = options.backoff ?? DEFAULT_BACKOFF;
    void this.#start();
  }

  /** ZIM keeps the calls through its own reconnection (`reconnecting`); once that gives up, they are gone. */
  readonly reconnectGraceMs = 0;

  get status(): SignalingStatus {
    return this.#listeners.status;
  }

  request<M extends HubMethod>(method: M, params: MethodInput<M>): Promise<MethodResults[M]> {
    if (method === 'callMediaSignal') {
      return Promise.reject(new HubError(ZimErrorCode.ParamsInvalid, `${method}: ZEGOCLOUD carries media with ZEGO Express, not ZIM`));
    }
    if (!isCallMethod(method)) {
      return Promise.reject(new HubError(ZimErrorCode.ParamsInvalid, `${method}: the ZIM client signs in and out by itself`));
    }
    if (!this.#zim || !this.#signedIn) {
      return Promise.reject(new HubError(ZimErrorCode.UserIsNotLogged, `${method}: not signed in to ZEGOCLOUD`));
    }
    return callZim(this.#zim, method, params) as Promise<MethodResults[M]>;
  }

  on<E extends HubEventName>(event: E, listener: (data: HubEvents[E]) => void): () => void {
    return this.#listeners.on(event, listener);
  }

  onStatus(listener: (status: SignalingStatus) => void): () => void {
    return this.#listeners.onStatus(listener);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#stopRenewing();
    const zim = this.#zim;
    this.#zim = null;
    if (zim) {
      for (const name of [...zimEventNames, 'connectionStateChanged', 'tokenWillExpire'] as const) zim.off(name);
      zim.logout();
      zim.destroy();
    }
    this.#setStatus({ status: 'closed' });
  }

  async #start(): Promise<void> {
    let zim: ZimSdk;
    try {
      zim = await (this.#options.sdk ?? loadZimSdk)(this.appID);
    } catch (error) {
      return this.#stop(errorMessage(error));
    }
    if (this.#closed) return zim.destroy();
    this.#zim = zim;
    for (const name of zimEventNames) this.#forward(zim, name);
    zim.on('connectionStateChanged', (_zim, data) => this.#onConnectionState(data));
    zim.on('tokenWillExpire', () => void this.#renewToken());
    await this.#signIn();
  }

  #forward<E extends ZimEventName>(zim: ZimSdk, name: E): void {
    const translate = fromZimEvent[name];
    const listener = ((_zim: unknown, data: Parameters<typeof translate>[0]) => this.#listeners.emit(name, translate(data))) as ZIMEventHandler[E];
    zim.on(name, listener);
  }

  async #signIn(freshTokenTries = 1): Promise<void> {
    const zim = this.#zim;
    // One sign-in at a time: a TokenExpired drop, a retry timer and ZIM's own events may all ask.
    if (!zim || this.#closed || this.#signingIn) return;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#setStatus({ status: 'connecting' });
    this.#signedIn = false;
    this.#signingIn = true;
    try {
      const token = await this.#options.token(this.userID);
      if (this.#closed) return;
      await zim.login(this.userID, { userName: this.userID, token, isOfflineLogin: false, customStatus: '', customStatusDuration: 0 });
    } catch (error) {
      this.#signingIn = false;
      if (this.#closed) return;
      const refused = isZimError(error) ? toHubError(`signing in ${this.userID}`, error) : null;
      // ZIM already has this user signed in on this instance: that is success.
      if (refused?.code === ZimErrorCode.UserHasAlreadyLogged) return this.#online();
      if (refused?.code === ZimErrorCode.TokenExpired && freshTokenTries > 0) return this.#signIn(freshTokenTries - 1);
      const fatal = refused ? CONFIGURATION_ERRORS[refused.code] : undefined;
      if (fatal) return this.#stop(fatal(this));
      const why = refused ? refused.message : errorMessage(error);
      return this.#retryLater(`could not sign in to ZEGOCLOUD: ${why}`);
    }
    this.#signingIn = false;
    if (!this.#closed) this.#online();
  }

  /** Reports a status once: the client and ZIM's own events often announce the same step. */
  #setStatus(status: SignalingStatus): void {
    if (JSON.stringify(status) !== JSON.stringify(this.status)) this.#listeners.setStatus(status);
  }

  #online(): void {
    this.#signedIn = true;
    this.#attempt = 0;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#setStatus({ status: 'online', userID: this.userID });
  }

  #onConnectionState(data: ZIMEventOfConnectionStateChangedResult): void {
    if (this.#closed) return;
    switch (data.state) {
      case Connecting:
        return this.#setStatus({ status: 'connecting' });
      case Connected:
        return this.#online();
      case Reconnecting:
        return this.#setStatus({ status: 'reconnecting' });
      case Disconnected:
        this.#signedIn = false;
        this.#stopRenewing();
        if (this.#signingIn || data.event === ActiveLogin) return;
        if (data.event === KickedOut) {
          this.#options.log?.(`ZEGOCLOUD signed ${this.userID} out: signed in on another device`);
          return this.#setStatus({ status: 'signed-in-elsewhere' });
        }
        if (data.event === Unregistered) {
          return this.#stop(`ZEGOCLOUD signed ${this.userID} out: the user ID was unregistered (deleted) in this ZEGOCLOUD project`);
        }
        if (data.event === TokenExpired) {
          this.#setStatus({ status: 'offline', error: `the token for ${this.userID} expired`, retryAt: null });
          return void this.#signIn();
        }
        return this.#retryLater(`the connection to ZEGOCLOUD was lost (event ${data.event})`);
    }
  }

  async #renewToken(): Promise<void> {
    const zim = this.#zim;
    this.#stopRenewing();
    if (!zim || this.#closed || !this.#signedIn) return;
    try {
      const token = await this.#options.token(this.userID);
      if (this.#zim === zim && this.#signedIn) await zim.renewToken(token);
    } catch (error) {
      if (this.#zim !== zim || this.#closed || !this.#signedIn) return;
      // Tried again until it works or the old token runs out: ZIM then disconnects with
      // TokenExpired, which drops the calls, and signing in again fetches another token.
      const delay = this.#backoff.initialMs;
      this.#options.log?.(`renewing the ZEGOCLOUD token for ${this.userID} failed: ${toHubError('renewToken', error).message}; trying again in ${delay} ms`);
      this.#renewTimer = setTimeout(() => void this.#renewToken(), delay);
      this.#renewTimer.unref();
    }
  }

  #stopRenewing(): void {
    if (this.#renewTimer) clearTimeout(this.#renewTimer);
    this.#renewTimer = null;
  }

  #retryLater(error: string): void {
    const base = Math.min(this.#backoff.maxMs, this.#backoff.initialMs * 2 ** this.#attempt);
    const delay = Math.round(base / 2 + (Math.random() * base) / 2);
    this.#attempt += 1;
    this.#options.log?.(`${error}; retrying in ${delay} ms`);
    this.#setStatus({ status: 'offline', error, retryAt: Date.now() + delay });
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      void this.#signIn();
    }, delay);
    // A retry alone never keeps the process running.
    this.#retryTimer.unref();
  }

  /** Stops for good: retrying with the same configuration cannot help. */
  #stop(error: string): void {
    this.#options.log?.(error);
    this.#setStatus({ status: 'offline', error, retryAt: null, final: true });
  }
}

function isZimError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'number';
}
