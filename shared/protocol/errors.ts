/** ZIM's error codes, as the hub returns them (values from zego-zim-web ZIMErrorCode.d.ts). */
export const ZimErrorCode = {
  ParamsInvalid: 6000001,
  FrequencyLimit: 6000005,
  TokenInvalid: 6000103,
  TokenExpired: 6000106,
  UserHasAlreadyLogged: 6000111,
  UserIsNotLogged: 6000121,
  UserIDError: 6000124,
  CallCommonError: 6000270,
  /** Cancel after an invitee accepted. */
  CallCancelAfterAccept: 6000271,
  /** More than 9 invitees (or 10 participants), or a hub failure. */
  CallServerError: 6000272,
  CallIsNotInviter: 6000273,
  CallIsNotInvitee: 6000274,
  CallAlreadyExists: 6000275,
  /** No such call, or it has ended or timed out for this user. */
  CallDoesNotExist: 6000276,
  CallInviteUserDoesNotExist: 6000281,
  CallUserAlreadyInTheCall: 6000283,
  /** An advanced-mode API on a general-mode call. */
  CallAdvancedOnly: 6000286,
  /** addUsersToBlacklist with one's own userID (the reason in errorUserList). */
  CannotBlockSelf: 6000805,
  /** removeUsersFromBlacklist for a user who is not on the list (the reason in errorUserList). */
  NotInBlacklist: 6000807,
  /** addUsersToBlacklist past MAX_BLACKLIST entries. */
  BlacklistFull: 6000808,
} as const;
export type ZimErrorCode = (typeof ZimErrorCode)[keyof typeof ZimErrorCode];

/**
 * The error a hub request fails with; `code` is one of ZimErrorCode. A refusal that passes with
 * time (6000005) may say when it will have passed: `retryAfterMs`, from the hub only (ZIM's errors
 * never carry it).
 */
export class HubError extends Error {
  readonly code: number;
  readonly retryAfterMs: number | undefined;
  constructor(code: number, message: string, retryAfterMs?: number) {
    super(message);
    this.name = 'HubError';
    this.code = code;
    this.retryAfterMs = retryAfterMs;
  }
}

/** What went wrong, for a log line or a message: an Error's message, or anything else as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
