/**
 * What a user ID may be, without zod, so that the renderer can check what a person types before
 * sending it (the hub protocol's schema uses the same pattern).
 */
export const USER_ID_PATTERN = /^[A-Za-z0-9_.@-]{1,32}$/;
export const USER_ID_RULE = 'a userID is 1 to 32 letters, digits or _ . @ -';

/** Why `text` cannot be a user ID, in words for the person who typed it; null when it can. */
export function userIdProblem(text: string): string | null {
  if (USER_ID_PATTERN.test(text)) return null;
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return `“${shown}” is not a user name: use 1 to 32 letters, digits or _ . @ -`;
}
