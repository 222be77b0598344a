/**
 * The zod-free half of voice in the IPC contract (shared/ipc/media.ts holds the schemas), so that
 * the renderer's bundle carries no zod: the page's CSP forbids the eval zod probes for.
 */
import type { MediaSignal } from '../protocol/media.js';

/** What the core says about one connected call's audio. */
export interface CallMediaView {
  /** This user put the call on hold: nothing is sent or played. */
  held: boolean;
  /** Since when it has been on hold (epoch ms), while it is: the caller's wait. */
  heldSince?: number;
  /** This user's microphone is muted in this call. */
  muted: boolean;
  /** Others in the call who put this user on hold, in the order they did. */
  heldBy: string[];
  /**
   * Since when this user has waited (epoch ms), while everyone who joined the call holds them:
   * nobody is left to talk to. Absent while anyone in the call still talks with them.
   */
  waitingSince?: number;
  /**
   * The ZEGO Express room that carries the call's audio on the ZIM backend: the `call_id` of the
   * call kits' invitation data (Switchboard writes one too), else the ZIM call ID. Absent on the hub.
   */
  room?: string;
}

/**
 * How this softphone carries audio, as the core tells the renderer: WebRTC peer to peer signaled
 * over the hub, or ZEGO Express rooms (the ZIM backend, as ZEGO's call kits do).
 */
export type MediaPath = { kind: 'webrtc' } | { kind: 'zego-express'; appID: number; server: string };

/** What to do with the connected call when the user answers another one. */
export type SecondCallAction = 'hold' | 'end';

/** Device IDs from enumerateDevices(); null: the system default. */
export interface AudioSettings {
  microphone: string | null;
  speaker: string | null;
  ringtone: string | null;
  secondCall: SecondCallAction;
  /**
   * Echo cancellation, noise suppression and automatic gain on the microphone: on by default, as
   * a laptop's speakers and microphone need them. A headset that does its own (or has no echo to
   * cancel) sounds more natural without, and the browser is spared its audio processing.
   */
  voiceProcessing: boolean;
}

export const DEFAULT_AUDIO_SETTINGS: AudioSettings = { microphone: null, speaker: null, ringtone: null, secondCall: 'hold', voiceProcessing: true };

/** A media signal between this user and `peer`, one other member of call `callID`. */
export interface MediaSignalMessage {
  callID: string;
  peer: string;
  signal: MediaSignal;
}

/** The renderer asks the core for a ZEGO Express token (the answer is an ExpressTokenMessage). */
export interface ExpressTokenRequest {
  expressToken: 'wanted';
}

/** The core's answer to an ExpressTokenRequest: the token, or why there is none. */
export type ExpressTokenMessage = { expressToken: string } | { expressTokenError: string };

/**
 * A member of a call left its ZEGO Express room: for a call kit's user, the hang-up ZIM never
 * tells of (docs/protocol.md, "A kit user hangs up"). The core decides what it means.
 */
export interface MediaRoomLeft {
  roomLeft: { callID: string; userID: string };
}

/** What the renderer that carries the audio sends the core on the media stream. */
export type MediaToCore = MediaSignalMessage | ExpressTokenRequest | MediaRoomLeft;
/** What the core sends that renderer. */
export type MediaToRenderer = MediaSignalMessage | ExpressTokenMessage;

/**
 * The one call that carries the microphone and the speaker: connected and not on hold. The core
 * keeps at most one such call; this derives it rather than keeping a flag beside the calls.
 */
export function carriesAudio(call: { phase: string; media: CallMediaView }): boolean {
  return call.phase === 'connected' && !call.media.held;
}

/**
 * Which side of a pair makes the first offer and is impolite in perfect negotiation: the one
 * whose user ID sorts first. Both sides compute the same answer.
 */
export function isImpolite(self: string, peer: string): boolean {
  return self < peer;
}
