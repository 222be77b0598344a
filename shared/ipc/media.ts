/**
 * Voice in the IPC contract. AppState says which call is held or muted and which devices to use
 * (CallMediaView, AudioSettings); the offers, answers and ICE candidates are a stream of their
 * own beside it (MediaSignalMessage), between the core and the one renderer that carries the
 * audio, never inside a snapshot.
 */
import { z } from 'zod';
import { userIdSchema } from '../protocol/hub.js';
import { mediaSignalSchema } from '../protocol/media.js';

export {
  carriesAudio,
  DEFAULT_AUDIO_SETTINGS,
  isImpolite,
  type AudioSettings,
  type CallMediaView,
  type ExpressTokenMessage,
  type MediaPath,
  type MediaRoomLeft,
  type MediaSignalMessage,
  type MediaToCore,
  type MediaToRenderer,
  type SecondCallAction,
} from './audio.js';
import type { MediaRoomLeft, MediaSignalMessage, MediaToCore, MediaToRenderer } from './audio.js';

const deviceIdSchema = z.string().min(1).max(256, 'a device ID is at most 256 characters').nullable();

export const audioSettingsSchema = z
  .object({ microphone: deviceIdSchema, speaker: deviceIdSchema, ringtone: deviceIdSchema, secondCall: z.enum(['hold', 'end']) })
  .strict();

export const mediaSignalMessageSchema: z.ZodType<MediaSignalMessage> = z
  .object({ callID: z.string().min(1).max(20), peer: userIdSchema, signal: mediaSignalSchema })
  .strict();

export const expressTokenRequestSchema = z.object({ expressToken: z.literal('wanted') }).strict();

export const mediaRoomLeftSchema: z.ZodType<MediaRoomLeft> = z
  .object({ roomLeft: z.object({ callID: z.string().min(1).max(20), userID: userIdSchema }).strict() })
  .strict();

/** The renderer side of the media stream, as the preload exposes it on window.softphone.media. */
export interface MediaApi {
  send(message: MediaToCore): void;
  /** Calls back with every message for this renderer; returns the unsubscribe function. */
  onSignal(listener: (message: MediaToRenderer) => void): () => void;
}

