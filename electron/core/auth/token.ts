/**
 * Hub tokens: `v1.<base64url payload>.<base64url HMAC-SHA256>`, payload {"sub": userID, "exp": epoch s}.
 * Whoever holds the hub secret can mint them: the in-process hub's host, a launcher that was
 * given SWITCHBOARD_HUB_SECRET, or `npm run hub -- --mint-token USER` for one user's softphone
 * (SWITCHBOARD_HUB_TOKEN), which then needs no secret. The hub verifies them on login.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { checkHubSecret } from './secret.js';

export const DEFAULT_TOKEN_TTL_S = 24 * 60 * 60;
const VERSION = 'v1';

export type TokenCheck =
  | { ok: true; userID: string; expiresAt: number }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' | 'wrong-user' };

function sign(secret: string, body: string): string {
  // The last line of defence: a token signed with a short or empty secret could be forged by anyone.
  checkHubSecret(secret, 'the secret given to sign a token with');
  return createHmac('sha256', secret).update(body).digest('base64url');
}

export function mintToken(secret: string, userID: string, nowMs: number, ttlS = DEFAULT_TOKEN_TTL_S): string {
  const body = Buffer.from(JSON.stringify({ sub: userID, exp: Math.floor(nowMs / 1000) + ttlS })).toString('base64url');
  return `${VERSION}.${body}.${sign(secret, `${VERSION}.${body}`)}`;
}

/**
 * Whom a token is for, read without its signature (only the hub, which holds the secret, can check
 * that): a softphone given a token uses it to sign in that user and no other. Null: not a token.
 */
export function tokenSubject(token: string): string | null {
  const [version, body, signature, extra] = token.split('.');
  if (version !== VERSION || !body || !signature || extra !== undefined) return null;
  try {
    const { sub } = (JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) ?? {}) as { sub?: unknown };
    return typeof sub === 'string' ? sub : null;
  } catch {
    return null;
  }
}

export function verifyToken(secret: string, token: string, userID: string, nowMs: number): TokenCheck {
  const [version, body, signature, extra] = token.split('.');
  if (version !== VERSION || !body || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(sign(secret, `${version}.${body}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad-signature' };
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const { sub, exp } = (payload ?? {}) as { sub?: unknown; exp?: unknown };
  if (typeof sub !== 'string' || typeof exp !== 'number') return { ok: false, reason: 'malformed' };
  if (exp * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  if (sub !== userID) return { ok: false, reason: 'wrong-user' };
  return { ok: true, userID: sub, expiresAt: exp * 1000 };
}
