import { describe, expect, it } from 'vitest';
import { mintToken, verifyToken } from './token.js';

const SECRET = 'a-secret-of-sufficient-length';
const NOW = 1_800_000_000_000;

describe('hub tokens', () => {
  it('verifies a token minted with the same secret for the same user', () => {
    const token = mintToken(SECRET, 'alice', NOW, 60);
    expect(verifyToken(SECRET, token, 'alice', NOW + 59_000)).toEqual({ ok: true, userID: 'alice', expiresAt: NOW + 60_000 });
  });

  it('refuses an expired token', () => {
    const token = mintToken(SECRET, 'alice', NOW, 60);
    expect(verifyToken(SECRET, token, 'alice', NOW + 60_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a token for another user, from another secret, or tampered with', () => {
    const token = mintToken(SECRET, 'alice', NOW);
    expect(verifyToken(SECRET, token, 'mallory', NOW)).toEqual({ ok: false, reason: 'wrong-user' });
    expect(verifyToken('another-secret-entirely', token, 'alice', NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    const [version, , signature] = token.split('.');
    const forgedBody = Buffer.from(JSON.stringify({ sub: 'alice', exp: 9_999_999_999 })).toString('base64url');
    expect(verifyToken(SECRET, `${version}.${forgedBody}.${signature}`, 'alice', NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses malformed tokens', () => {
    for (const token of ['', 'v1', 'v1.a', 'v2.a.b', 'v1.a.b.c']) {
      expect(verifyToken(SECRET, token, 'alice', NOW)).toEqual({ ok: false, reason: 'malformed' });
    }
  });
});
