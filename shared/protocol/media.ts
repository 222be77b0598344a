/**
 * Media signaling: the offer, answer and ICE candidates that set up a WebRTC connection between
 * two members of a call. The hub relays them (callMediaSignal → callMediaSignalReceived) without
 * reading them; the same shapes travel between the core and the renderer (shared/ipc/media.ts).
 * Hub-only: ZIM has no such method; on ZEGOCLOUD, media goes through ZEGO Express instead.
 */
import * as z from '../zod.js';

/** An audio-only SDP is about 1.3 KB; a renegotiated one with many candidates stays well under this. */
export const MAX_SDP_CHARS = 8 * 1024;
/** An ICE candidate line is about 100 characters. */
export const MAX_CANDIDATE_CHARS = 512;

export const sessionDescriptionSchema = z.strictObject({
  type: z.enum(['offer', 'answer']),
  sdp: z.string().check(z.minLength(1), z.maxLength(MAX_SDP_CHARS, `an SDP is at most ${MAX_SDP_CHARS} characters`)),
});

export const iceCandidateSchema = z.strictObject({
  /** Empty: the end of this generation's candidates. */
  candidate: z.string().check(z.maxLength(MAX_CANDIDATE_CHARS, `an ICE candidate is at most ${MAX_CANDIDATE_CHARS} characters`)),
  sdpMid: z.nullable(z.string().check(z.maxLength(32))),
  sdpMLineIndex: z.nullable(z.number().check(z.int(), z.gte(0), z.lte(64))),
});

/** Exactly one of a description or a candidate. */
export const mediaSignalSchema = z.union([
  z.strictObject({ description: sessionDescriptionSchema }),
  z.strictObject({ candidate: iceCandidateSchema }),
]);

export type SessionDescription = z.infer<typeof sessionDescriptionSchema>;
export type IceCandidate = z.infer<typeof iceCandidateSchema>;
export type MediaSignal = z.infer<typeof mediaSignalSchema>;

/** Hub methods and events ZIM does not have: the ZIM adapter neither sends nor emits them. */
export const HUB_ONLY_METHODS = ['callMediaSignal'] as const;
export type HubOnlyMethod = (typeof HUB_ONLY_METHODS)[number];
export type HubOnlyEvent = 'callMediaSignalReceived';
