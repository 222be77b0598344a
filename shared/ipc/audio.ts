/**
 * The zod-free half of voice in the IPC contract (shared/ipc/media.ts holds the schemas), so that
 * the renderer's bundle carries no zod: the page's CSP forbids the eval zod probes for.
 */
import type { MediaSignal } from '../protocol/media.js';

/** What the core says about one connected call's audio. */
export interface CallMediaView {
  /** This user put the call on hold: nothing is sent or played. */
  held: boolean;
  /** This user's microphone is muted in this call. */
  muted: boolean;
  /** Others in the call who put this user on hold, in the order they did. */
  heldBy: string[];
}

/** What to do with the connected call when the user answers another one. */
export type SecondCallAction = 'hold' | 'end';

/** Device IDs from enumerateDevices(); null: the system default. */
export interface AudioSettings {
  microphone: string | null;
  speaker: string | null;
  ringtone: string | null;
  secondCall: SecondCallAction;
}

export const DEFAULT_AUDIO_SETTINGS: AudioSettings = { microphone: null, speaker: null, ringtone: null, secondCall: 'hold' };

/** A media signal between this user and `peer`, one other member of call `callID`. */
export interface MediaSignalMessage {
  callID: string;
  peer: string;
  signal: MediaSignal;
}

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
