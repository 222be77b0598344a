import type { SoftphoneApi } from '../../../shared/ipc/contract.js';

/**
 * The state of the renderer's own link to the core, apart from the core's link to the hub.
 * Only browser mode's WebSocket can drop; Electron's preload is always 'open'.
 */
export type LinkStatus =
  | { kind: 'connecting' }
  | { kind: 'open' }
  | { kind: 'reconnecting' }
  /** The core turned the page away; retrying would not help. */
  | { kind: 'refused'; message: string };

export interface Bridge extends SoftphoneApi {
  /** Calls back with the current link status now and on every change; returns the unsubscribe function. */
  onLink(listener: (status: LinkStatus) => void): () => void;
}
