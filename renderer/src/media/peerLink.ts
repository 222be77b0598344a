/**
 * One audio connection with one other member of a call: an RTCPeerConnection set up and
 * renegotiated with the "perfect negotiation" pattern of the WebRTC specification (the impolite
 * side's offer wins a collision, the polite side rolls back), so that both sides may put the
 * call on hold at once. Hold is the transceiver's direction ('inactive'); the far side reads it
 * from the offer. An answer cannot say it (it only narrows the offer), so after answering, a side
 * whose hold or resume the other has not been offered yet makes an offer of its own. The received
 * audio plays through a media element of its own.
 */
import type { MediaSignal } from '../../../shared/protocol/media.js';
import { PACKET_TIME_MS, withPacketTime } from './packetTime.js';

export type LinkState = 'connecting' | 'connected' | 'failed';

/**
 * A connection not up by then counts as failed. ICE fails by itself when every candidate pair
 * did, but with no usable candidate at all (no shared network) it would wait for ever.
 */
export const CONNECT_TIMEOUT_MS = 15_000;

export interface PeerLinkOptions {
  /** The impolite side wins a collision of offers (shared/ipc/media.ts isImpolite). */
  impolite: boolean;
  /**
   * This side makes the first offer: the impolite side of a new call, or either side when its page
   * takes over a call already under way (the other side's connection then lives on, waiting).
   */
  offersFirst: boolean;
  track: MediaStreamTrack | null;
  held: boolean;
  speaker: string | null;
  send(signal: MediaSignal): void;
  onState(state: LinkState): void;
  log(line: string): void;
}

export class PeerLink {
  readonly pc: RTCPeerConnection;
  readonly #audio: HTMLAudioElement;
  readonly #options: PeerLinkOptions;
  #transceiver: RTCRtpTransceiver | null = null;
  #track: MediaStreamTrack | null;
  #held: boolean;
  #makingOffer = false;
  #ignoreOffer = false;
  /**
   * The other side's descriptions being applied (and answered): signals are not queued, so two
   * may overlap. The signaling state still says 'stable' while an offer is being applied, so an
   * offer of our own started then would be turned into the answer and never sent: the other side
   * would wait for it for ever.
   */
  #applyingRemote = 0;
  /** The direction our last offer told the other side; it assumes 'sendrecv' (not held) until told otherwise. */
  #told: RTCRtpTransceiverDirection = 'sendrecv';
  #closed = false;
  readonly #connectTimer: ReturnType<typeof setTimeout>;

  constructor(options: PeerLinkOptions) {
    this.#options = options;
    this.#track = options.track;
    this.#held = options.held;
    // Loopback and LAN candidates only: the hub is on this machine or this network.
    this.pc = new RTCPeerConnection({ iceServers: [], bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
    this.#audio = new Audio();
    this.#audio.autoplay = true;
    this.#audio.muted = this.#held;
    if (options.speaker) this.#setSink(options.speaker);
    this.pc.ontrack = (event) => {
      this.#audio.srcObject = new MediaStream([event.track]);
      this.#audio.play().catch((error: unknown) => options.log(`playing the received audio failed: ${String(error)}`));
    };
    this.pc.onicecandidate = (event) => {
      if (event.candidate) options.send({ candidate: toCandidate(event.candidate) });
    };
    this.pc.onnegotiationneeded = () => void this.#offer();
    this.pc.onconnectionstatechange = () => {
      const state = this.pc.connectionState;
      if (state === 'connected') options.onState('connected');
      else if (state === 'failed') options.onState('failed');
    };
    this.#connectTimer = setTimeout(() => {
      if (!this.#closed && this.pc.connectionState !== 'connected') options.onState('failed');
    }, CONNECT_TIMEOUT_MS);
    if (options.offersFirst) this.#attach(this.pc.addTransceiver(this.#track ?? 'audio', { direction: this.#direction() }));
  }

  /** The microphone track for this call (a clone per call), or null for none. */
  setTrack(track: MediaStreamTrack | null): void {
    this.#track = track;
    void this.#transceiver?.sender.replaceTrack(track).catch((error: unknown) => this.#options.log(`replacing the track failed: ${String(error)}`));
  }

  /** Hold silences the received audio at once; the direction change renegotiates to tell the far side. */
  setHeld(held: boolean): void {
    this.#held = held;
    this.#audio.muted = held;
    if (this.#transceiver && this.#transceiver.direction !== this.#direction()) this.#transceiver.direction = this.#direction();
    // A direction the last negotiation already happens to have (both sides held) fires no
    // negotiationneeded, yet the other side has not been told: offer anyway, once it had its chance.
    setTimeout(() => this.#tellIfNeeded(), 0);
  }

  setSpeaker(deviceId: string | null): void {
    this.#setSink(deviceId ?? '');
  }

  async receive(signal: MediaSignal): Promise<void> {
    if (this.#closed) return;
    try {
      if ('description' in signal) {
        const description = signal.description;
        const collision = description.type === 'offer' && (this.#makingOffer || this.pc.signalingState !== 'stable');
        this.#ignoreOffer = this.#options.impolite && collision;
        if (this.#ignoreOffer) return;
        this.#applyingRemote += 1;
        try {
          await this.pc.setRemoteDescription(description);
          if (description.type === 'offer') {
            if (!this.#transceiver) this.#attach(this.pc.getTransceivers().find((t) => t.receiver.track.kind === 'audio') ?? null);
            await this.pc.setLocalDescription();
            this.#sendDescription();
          }
        } finally {
          this.#applyingRemote -= 1;
        }
        this.#tellIfNeeded();
      } else {
        try {
          await this.pc.addIceCandidate(signal.candidate);
        } catch (error) {
          if (!this.#ignoreOffer) throw error;
        }
      }
    } catch (error) {
      this.#options.log(`applying a media signal failed: ${String(error)}`);
    }
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#connectTimer);
    this.pc.close();
    this.#audio.pause();
    this.#audio.srcObject = null;
  }

  /** Offers when the other side has not been told this side's hold or resume and nothing else will tell it. */
  #tellIfNeeded(): void {
    if (this.#closed || !this.#transceiver || this.#makingOffer || this.#applyingRemote > 0 || this.pc.signalingState !== 'stable') return;
    if (this.#told !== this.#direction()) void this.#offer();
  }

  #direction(): RTCRtpTransceiverDirection {
    return this.#held ? 'inactive' : 'sendrecv';
  }

  #attach(transceiver: RTCRtpTransceiver | null): void {
    if (!transceiver) return;
    this.#transceiver = transceiver;
    transceiver.direction = this.#direction();
    preferOpus(transceiver);
    if (transceiver.sender.track !== this.#track) void transceiver.sender.replaceTrack(this.#track);
  }

  async #offer(): Promise<void> {
    if (this.#closed) return;
    try {
      this.#makingOffer = true;
      const direction = this.#direction();
      await this.pc.setLocalDescription();
      if (this.pc.localDescription?.type !== 'offer') return;
      this.#sendDescription();
      this.#told = direction;
    } catch (error) {
      this.#options.log(`making an offer failed: ${String(error)}`);
    } finally {
      this.#makingOffer = false;
      // An offer rolled back in a collision told nothing: try again once the other side's is done.
      setTimeout(() => this.#tellIfNeeded(), 0);
    }
  }

  #sendDescription(): void {
    const local = this.pc.localDescription;
    if (!local || (local.type !== 'offer' && local.type !== 'answer')) return;
    this.#options.send({ description: { type: local.type, sdp: withPacketTime(local.sdp, PACKET_TIME_MS) } });
  }

  #setSink(deviceId: string): void {
    this.#audio.setSinkId(deviceId).catch((error: unknown) => this.#options.log(`choosing the speaker failed: ${String(error)}`));
  }
}

function toCandidate(candidate: RTCIceCandidate): { candidate: string; sdpMid: string | null; sdpMLineIndex: number | null } {
  return { candidate: candidate.candidate, sdpMid: candidate.sdpMid, sdpMLineIndex: candidate.sdpMLineIndex };
}

/** Opus only: every WebRTC end has it, and a call never falls back to G.711's narrow band. */
function preferOpus(transceiver: RTCRtpTransceiver): void {
  const codecs = RTCRtpReceiver.getCapabilities?.('audio')?.codecs.filter((codec) => codec.mimeType.toLowerCase() === 'audio/opus');
  if (codecs && codecs.length > 0) transceiver.setCodecPreferences(codecs);
}
