/**
 * The signaling port: what the CallManager needs from a call-invitation backend. The local hub
 * client and the ZIM adapter both implement it, with ZIM's method names, payloads and events.
 */
import type { HubEventName, HubEvents, HubMethod, MethodInput, MethodResults } from '../../../shared/protocol/hub.js';

export type SignalingStatus =
  | { status: 'connecting' }
  | { status: 'online'; userID: string }
  | { status: 'offline'; error: string; retryAt: number | null }
  | { status: 'closed' };

export interface SignalingPort {
  /** Sends one request; rejects with a HubError carrying ZIM's error code. */
  request<M extends HubMethod>(method: M, params: MethodInput<M>): Promise<MethodResults[M]>;
  on<E extends HubEventName>(event: E, listener: (data: HubEvents[E]) => void): () => void;
  onStatus(listener: (status: SignalingStatus) => void): () => void;
  readonly status: SignalingStatus;
  /** Stops reconnecting and closes the connection. */
  close(): void;
}
