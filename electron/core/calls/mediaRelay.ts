/**
 * Media signaling in the core: carries offers, answers and ICE candidates between this user's
 * renderer and the signaling port, for connected calls and their joined members only, and reads
 * each offer a peer sends for the one thing the core decides from it: whether that peer holds
 * this user (RFC 6337: an offer whose audio is sendonly or inactive puts the other side on hold).
 */
import { mediaSignalMessageSchema, type MediaSignalMessage } from '../../../shared/ipc/media.js';
import { errorMessage } from '../../../shared/protocol/errors.js';
import type { HubEvents } from '../../../shared/protocol/hub.js';
import { describeIssue } from '../../../shared/protocol/issues.js';
import type { SignalingPort } from '../signaling/port.js';

/** What the relay needs from the CallManager. */
export interface MediaCalls {
  mediaPeers(callID: string): string[] | null;
  heldByPeer(callID: string, userID: string, held: boolean): void;
}

export class MediaRelay {
  readonly #port: SignalingPort;
  readonly #calls: MediaCalls;
  readonly #deliver: (message: MediaSignalMessage) => void;
  readonly #log: (line: string) => void;
  readonly #dispose: () => void;

  constructor(port: SignalingPort, calls: MediaCalls, deliver: (message: MediaSignalMessage) => void, log: (line: string) => void) {
    this.#port = port;
    this.#calls = calls;
    this.#deliver = deliver;
    this.#log = log;
    this.#dispose = port.on('callMediaSignalReceived', (data) => this.#received(data));
  }

  /** A signal from the renderer: checked, then sent to the hub. Never throws; a refusal is logged. */
  send(input: unknown): void {
    const parsed = mediaSignalMessageSchema.safeParse(input);
    if (!parsed.success) {
      this.#log(`refused a media signal from the renderer: ${describeIssue(parsed.error.issues[0])}`);
      return;
    }
    const { callID, peer, signal } = parsed.data;
    if (!this.#calls.mediaPeers(callID)?.includes(peer)) {
      this.#log(`dropped a media signal for ${peer} in call ${callID}: not a connected call with ${peer} in it`);
      return;
    }
    this.#port
      .request('callMediaSignal', { callID, toUserID: peer, signal })
      .catch((error: unknown) => this.#log(`media signal to ${peer} in call ${callID} failed: ${errorMessage(error)}`));
  }

  dispose(): void {
    this.#dispose();
  }

  #received({ callID, fromUserID, signal }: HubEvents['callMediaSignalReceived']): void {
    if (!this.#calls.mediaPeers(callID)?.includes(fromUserID)) {
      this.#log(`dropped a media signal from ${fromUserID} in call ${callID}: not a connected call with them in it`);
      return;
    }
    if ('description' in signal && signal.description.type === 'offer') {
      this.#calls.heldByPeer(callID, fromUserID, offerHolds(signal.description.sdp));
    }
    this.#deliver({ callID, peer: fromUserID, signal });
  }
}

/** Whether an offer's audio puts the answerer on hold: sendonly or inactive (RFC 6337 §5.3). */
export function offerHolds(sdp: string): boolean {
  const audio = sdp.split(/\r?\n(?=m=)/).find((section) => section.startsWith('m=audio'));
  const direction = audio?.match(/^a=(sendrecv|sendonly|recvonly|inactive)\s*$/m)?.[1];
  return direction === 'sendonly' || direction === 'inactive';
}
