/**
 * The invitation extendedData of ZEGO's call kits (UIKit prebuilt call, web and Flutter), read and
 * written so that a kit user and a Switchboard user can call each other. The kits send three
 * shapes (docs/protocol.md, "ZEGO's call kits", has the table):
 *
 * - web:              { inviter_name, type, data, canInvitingInCalling, … }
 * - Flutter, basic:   { inviter_id, inviter_name, type, data }
 * - Flutter, advanced:{ inviter: {id, name}, invitees: [ids], type, custom_data, inviter_id, inviter_name, data }
 *
 * where `type` is 0 for a voice call, 1 for video and 2–4 for live-streaming co-host requests,
 * and `data` (the Flutter advanced shape repeats it as `custom_data`) is JSON text holding
 * { call_id, invitees, inviter: {id, name} | inviter_name, timeout, custom_data, v }, with
 * invitees as plain IDs or { user_id, user_name }. The kits JSON.parse every invitation's
 * extendedData and read `type`, so what Switchboard sends has these fields too. `custom_data` is
 * the kits' place for the app's own data: Switchboard writes `{"callback":true}` there when the
 * call is a call-back from its Callbacks list. Answers (busy, decline) use shared/calls/busy.ts.
 */

export type KitCallType = 'voice' | 'video';

export interface KitInvitation {
  /** The display name the caller's kit sent; null when it sent none. */
  inviterName: string | null;
  /** Whose name it is, when the kit says so (callingInvite keeps the original caller's data). */
  inviterID: string | null;
  /** Voice or video; null when the kit did not say. */
  callType: KitCallType | null;
  /** False for the kits' live-streaming invitations (co-host requests and the like), which are not calls. */
  isCall: boolean;
  /** Written by Switchboard, which reads every answer ZIM has (callEnd included), not by a kit. */
  fromSwitchboard: boolean;
  /** The invitees the kit listed, by user ID. */
  invitees: string[];
  /** A call-back from the caller's Callbacks list (Switchboard marks it in `custom_data`). */
  callback?: true;
  /** `call_id`: the ZEGO Express room the kits carry the call's audio in, when it is a usable room ID. */
  roomID?: string;
}

const KIT_VOICE_CALL = 0;
const KIT_VIDEO_CALL = 1;
const MAX_NAME = 64;
/** ZIM invites at most 9 people at once; a longer list is cut rather than trusted. */
const MAX_INVITEES = 9;
/** Marks Switchboard's own invitations; the kits ignore fields they do not know. */
const SWITCHBOARD_MARK = 'switchboard';
const SWITCHBOARD_VERSION = 1;

/**
 * Control characters, and the invisible ones that reorder or hide text (bidi overrides and
 * isolates, marks, word joiners): a name could show something it is not. The joiners that
 * emoji and Persian or Indic names need (U+200C, U+200D) stay.
 */
const CONTROLS = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/gu;

type Json = Record<string, unknown>;

/** Reads a kit invitation out of extendedData; null when it is not one. Never throws. */
export function readKitInvitation(extendedData: string): KitInvitation | null {
  const outer = parseObject(extendedData);
  if (!outer) return null;
  const type = typeof outer.type === 'number' ? outer.type : null;
  const outerInviter = object(outer.inviter);
  const outerName = text(outer.inviter_name) ?? text(outerInviter?.name);
  if (outerName === null && type === null) return null;
  // The web kit and the Flutter basic shape carry the details in `data`; the Flutter advanced
  // shape in `custom_data` (and, for the web kit's sake, in `data` too).
  const inner = parseObject(text(outer.data) ?? text(outer.custom_data) ?? '') ?? {};
  const innerInviter = object(inner.inviter);
  const name = cleanName(outerName ?? text(inner.inviter_name) ?? text(innerInviter?.name) ?? '');
  const listed = Array.isArray(inner.invitees) ? inner.invitees : Array.isArray(outer.invitees) ? outer.invitees : [];
  return {
    inviterName: name === '' ? null : name,
    inviterID: text(outerInviter?.id) ?? text(outer.inviter_id) ?? text(innerInviter?.id),
    callType: type === KIT_VOICE_CALL ? 'voice' : type === KIT_VIDEO_CALL ? 'video' : null,
    // As the web kit decides: any type above video belongs to live streaming, not to calls.
    isCall: type === null || type <= KIT_VIDEO_CALL,
    fromSwitchboard: outer[SWITCHBOARD_MARK] === SWITCHBOARD_VERSION,
    invitees: listed.slice(0, MAX_INVITEES).map(inviteeID).filter((id): id is string => id !== null),
    ...(isCallback(text(inner.custom_data)) ? { callback: true as const } : {}),
    ...(isRoomID(inner.call_id) ? { roomID: inner.call_id } : {}),
  };
}

/** Express takes room IDs of at most 128 bytes of printable ASCII without spaces. */
const ROOM_ID = /^[\x21-\x7e]{1,128}$/;

export function isRoomID(value: unknown): value is string {
  return typeof value === 'string' && ROOM_ID.test(value);
}

/**
 * The extendedData of an invitation Switchboard sends: a voice call with the caller's name, in
 * the web kit's shape plus the Flutter kits' `inviter_id` (their basic shape, which their
 * advanced-mode reader also takes), and the inner fields both read (`inviter_name`, `timeout`).
 * `canInvitingInCalling` makes a kit user's hang-up visible: without it the web kit leaves an
 * advanced-mode call without telling ZIM (docs/protocol.md, "A kit user hangs up"). `roomID` is
 * what the kits use as the media room; it is only passed along here.
 */
export function encodeKitInvitation(
  inviter: { userID: string; name: string },
  invitees: string[],
  roomID: string,
  timeoutS: number,
  options: { callback?: boolean } = {},
): string {
  const data = JSON.stringify({
    call_id: roomID,
    invitees: invitees.map((userID) => ({ user_id: userID, user_name: userID })),
    inviter: { id: inviter.userID, name: inviter.name },
    inviter_name: inviter.name,
    type: KIT_VOICE_CALL,
    timeout: timeoutS,
    custom_data: options.callback ? CALLBACK_CUSTOM_DATA : '',
  });
  return JSON.stringify({
    inviter_id: inviter.userID,
    inviter_name: inviter.name,
    type: KIT_VOICE_CALL,
    data,
    canInvitingInCalling: true,
    onlyInitiatorCanInvite: false,
    endCallWhenInitiatorLeave: false,
    [SWITCHBOARD_MARK]: SWITCHBOARD_VERSION,
  });
}

const CALLBACK_CUSTOM_DATA = JSON.stringify({ callback: true });

function isCallback(customData: string | null): boolean {
  return customData !== null && parseObject(customData)?.callback === true;
}

function inviteeID(invitee: unknown): string | null {
  return text(invitee) ?? text(object(invitee)?.user_id);
}

function cleanName(name: string): string {
  return name.replace(CONTROLS, '').trim().slice(0, MAX_NAME);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function object(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

function parseObject(json: string): Json | null {
  if (!json.startsWith('{')) return null;
  try {
    return object(JSON.parse(json));
  } catch {
    return null;
  }
}
