/**
 * The invitation extendedData of ZEGO's call kits (UIKit prebuilt call, web and mobile), read and
 * written so that a kit user and a Switchboard user can call each other. A kit invitation is
 *
 *   { "inviter_name": "Ann Lee", "type": 0, "data": "<JSON text>" }
 *
 * where `type` is 0 for a voice call and 1 for video, and `data` holds
 * { call_id, invitees: [{ user_id, user_name }], inviter: { id, name }, type, custom_data }.
 * The kits JSON.parse every invitation's extendedData and read `type`, so what Switchboard sends
 * must have this shape too. `custom_data` is the kits' place for the app's own data: Switchboard
 * writes `{"callback":true}` there when the call is a call-back from its Callbacks list. Answers (busy, decline) use shared/calls/busy.ts.
 */
import { z } from 'zod';

export type KitCallType = 'voice' | 'video';

export interface KitInvitation {
  /** The display name the caller's kit sent; null when it sent none. */
  inviterName: string | null;
  /** Whose name it is, when the kit says so (callingInvite keeps the original caller's data). */
  inviterID: string | null;
  callType: KitCallType | null;
  /** The invitees the kit listed, by user ID. */
  invitees: string[];
  /** Set when the caller is calling back, from their Callbacks list. */
  callback?: true;
}

const KIT_VOICE_CALL = 0;
const KIT_VIDEO_CALL = 1;
const MAX_NAME = 64;

const outerSchema = z.object({
  inviter_name: z.string().optional(),
  type: z.number().optional(),
  data: z.string().optional(),
});
const innerSchema = z.object({
  invitees: z.array(z.object({ user_id: z.string() })).optional(),
  inviter: z.object({ id: z.string().optional() }).optional(),
  custom_data: z.string().optional(),
});

/** Reads a kit invitation out of extendedData; null when it is not one. Never throws. */
/**
 * Control characters, and the invisible ones that reorder or hide text (bidi overrides and
 * isolates, marks, word joiners): a name could show something it is not. The joiners that
 * emoji and Persian or Indic names need (U+200C, U+200D) stay.
 */
const CONTROLS = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/gu;

export function readKitInvitation(extendedData: string): KitInvitation | null {
  const outer = outerSchema.safeParse(parseJson(extendedData));
  if (!outer.success) return null;
  const { inviter_name: name, type, data } = outer.data;
  if (name === undefined && type === undefined) return null;
  const inner = innerSchema.safeParse(data === undefined ? {} : parseJson(data));
  const cleanName = name?.replace(CONTROLS, '').trim().slice(0, MAX_NAME) ?? '';
  return {
    inviterName: cleanName === '' ? null : cleanName,
    inviterID: inner.success ? (inner.data.inviter?.id ?? null) : null,
    callType: type === KIT_VOICE_CALL ? 'voice' : type === KIT_VIDEO_CALL ? 'video' : null,
    invitees: inner.success ? (inner.data.invitees ?? []).map((invitee) => invitee.user_id) : [],
    ...(inner.success && isCallback(inner.data.custom_data) ? { callback: true as const } : {}),
  };
}

/**
 * The extendedData of an invitation Switchboard sends, in the kits' shape: a voice call, with the
 * caller's name. `roomID` is what the kits use as the media room; it is only passed along here.
 */
export function encodeKitInvitation(
  inviter: { userID: string; name: string },
  invitees: string[],
  roomID: string,
  options: { callback?: boolean } = {},
): string {
  const data = {
    call_id: roomID,
    invitees: invitees.map((userID) => ({ user_id: userID, user_name: userID })),
    inviter: { id: inviter.userID, name: inviter.name },
    type: KIT_VOICE_CALL,
    custom_data: options.callback ? CALLBACK_CUSTOM_DATA : '',
  };
  return JSON.stringify({ inviter_name: inviter.name, type: KIT_VOICE_CALL, data: JSON.stringify(data) });
}

const CALLBACK_CUSTOM_DATA = JSON.stringify({ callback: true });

function isCallback(customData: string | undefined): boolean {
  const parsed = customData === undefined ? null : parseJson(customData);
  return typeof parsed === 'object' && parsed !== null && (parsed as { callback?: unknown }).callback === true;
}

function parseJson(text: string): unknown {
  if (!text.startsWith('{')) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
