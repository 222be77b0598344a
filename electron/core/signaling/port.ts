/**
 * The signaling port: what the CallManager needs from a call-invitation backend. The local hub
 * client and the ZIM adapter both implement it, with ZIM's method names, payloads and events.
 */
import type { HubEventName, HubEvents, HubMethod, MethodInput, MethodResults } from '../../../shared/protocol/hub.js';

export type SignalingStatus =
  | { status: 'connecting' }
  | { status: 'online'; userID: string }
  /** The backend restores the connection by itself and keeps the calls meanwhile (ZIM does). */
  | { status: 'reconnecting' }
  /**
   * Disconnected: calls are gone; retryAt is when the next attempt starts, null for none yet.
   * `final`: none will follow, the backend refused this user in a way retrying cannot change.
   */
  | { status: 'offline'; error: string; retryAt: number | null; final?: boolean }
  /** The same user signed in on another device, and the backend signed this one out (ZIM's kickout). */
  | { status: 'signed-in-elsewhere' }
  | { status: 'closed' };

export interface SignalingPort {
  /** Sends one request; rejects with a HubError carrying ZIM's error code. */
  request<M extends HubMethod>(method: M, params: MethodInput<M>): Promise<MethodResults[M]>;
  on<E extends HubEventName>(event: E, listener: (data: HubEvents[E]) => void): () => void;
  onStatus(listener: (status: SignalingStatus) => void): () => void;
  readonly status: SignalingStatus;
  /**
   * How long the backend keeps this user in a conversation under way after their connection
   * fails, for them to come back (the hub says at sign-in: its --reconnect-grace); 0: it ends
   * their calls with the connection (ZIM, once its own reconnection gives up).
   */
  readonly reconnectGraceMs: number;
  /** Stops reconnecting and closes the connection. */
  close(): void;
}
