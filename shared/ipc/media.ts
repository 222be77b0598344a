/**
 * Voice in the IPC contract. AppState says which call is held or muted and which devices to use
 * (CallMediaView, AudioSettings); the offers, answers and ICE candidates are a stream of their
 * own beside it (MediaSignalMessage), between the core and the one renderer that carries the
 * audio, never inside a snapshot.
 */
import * as z from '../zod.js';
import { callIdSchema, userIdSchema } from '../protocol/hub.js';
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

const deviceIdSchema = z.nullable(z.string().check(z.minLength(1), z.maxLength(256, 'a device ID is at most 256 characters')));

export const audioSettingsSchema = z.strictObject({
  microphone: deviceIdSchema,
  speaker: deviceIdSchema,
  ringtone: deviceIdSchema,
  secondCall: z.enum(['hold', 'end']),
  voiceProcessing: z.boolean(),
});

/**
 * A change to some of the audio settings: a field left out stays as it is. A field sent as
 * undefined is refused rather than taken for "left out": merged, it would erase the choice.
 */
export const audioSettingsChangeSchema = z.strictObject({
  microphone: z.exactOptional(audioSettingsSchema.shape.microphone),
  speaker: z.exactOptional(audioSettingsSchema.shape.speaker),
  ringtone: z.exactOptional(audioSettingsSchema.shape.ringtone),
  secondCall: z.exactOptional(audioSettingsSchema.shape.secondCall),
  voiceProcessing: z.exactOptional(audioSettingsSchema.shape.voiceProcessing),
});

export const mediaSignalMessageSchema: z.ZodMiniType<MediaSignalMessage> = z.strictObject({
  callID: callIdSchema,
  peer: userIdSchema,
  signal: mediaSignalSchema,
});

export const expressTokenRequestSchema = z.strictObject({ expressToken: z.literal('wanted') });

export const mediaRoomLeftSchema: z.ZodMiniType<MediaRoomLeft> = z.strictObject({
  roomLeft: z.strictObject({ callID: callIdSchema, userID: userIdSchema }),
});

/** The renderer side of the media stream, as the preload exposes it on window.softphone.media. */
export interface MediaApi {
  send(message: MediaToCore): void;
  /** Calls back with every message for this renderer; returns the unsubscribe function. */
  onSignal(listener: (message: MediaToRenderer) => void): () => void;
  /**
   * Calls back now and on every change with whether this renderer carries the audio (browser
   * mode: the newest page does); returns the unsubscribe function. Absent: it always does.
   */
  onCarrying?(listener: (carrying: boolean) => void): () => void;
}

