/**
 * Voice in the IPC contract. AppState says which call is held or muted and which devices to use
 * (CallMediaView, AudioSettings); the offers, answers and ICE candidates are a stream of their
 * own beside it (MediaSignalMessage), between the core and the one renderer that carries the
 * audio, never inside a snapshot.
 */
import { z } from 'zod';
import { userIdSchema } from '../protocol/hub.js';
import { mediaSignalSchema, type MediaSignal } from '../protocol/media.js';

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

const deviceIdSchema = z.string().min(1).max(256, 'a device ID is at most 256 characters').nullable();

export const audioSettingsSchema = z
  .object({ microphone: deviceIdSchema, speaker: deviceIdSchema, ringtone: deviceIdSchema, secondCall: z.enum(['hold', 'end']) })
  .strict();

/** A media signal between this user and `peer`, one other member of call `callID`. */
export interface MediaSignalMessage {
  callID: string;
  peer: string;
  signal: MediaSignal;
}

export const mediaSignalMessageSchema: z.ZodType<MediaSignalMessage> = z
  .object({ callID: z.string().min(1).max(20), peer: userIdSchema, signal: mediaSignalSchema })
  .strict();

/** The renderer side of the media stream, as the preload exposes it on window.softphone.media. */
export interface MediaApi {
  send(message: MediaSignalMessage): void;
  /** Calls back with every signal for this renderer; returns the unsubscribe function. */
  onSignal(listener: (message: MediaSignalMessage) => void): () => void;
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
