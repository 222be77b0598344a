/**
 * ZEGOCLOUD tokens come from the user's own token endpoint, which holds the ServerSecret: the app
 * never sees it. Switchboard asks `GET <url>?userID=<id>` and expects JSON `{ "token": "04…" }`,
 * optionally with `"expressToken"` for ZEGO Express rooms; without it the one token04 serves both
 * (README, "ZEGO Express").
 * Every failure is a TokenError that says what was wrong and with which endpoint.
 */
import { errorMessage } from '../../../../shared/protocol/errors.js';
import * as z from '../../../../shared/zod.js';

export type TokenProvider = (userID: string) => Promise<string>;

export class TokenError extends Error {
  override name = 'TokenError';
}

const MAX_TOKEN = 4096;
const tokenString = z.string().check(z.minLength(1), z.maxLength(MAX_TOKEN));
// A null expressToken is none: many JSON serializers write a field that is not set as null.
const tokenResponseSchema = z.object({ token: tokenString, expressToken: z.optional(z.nullable(tokenString)) });

/** Which token a provider gives: ZIM's sign-in token, or the one for ZEGO Express room logins. */
export type TokenUse = 'zim' | 'express';
const DEFAULT_TIMEOUT_MS = 10_000;

/** Throws an Error naming what is wrong with a token endpoint URL; returns it normalised. */
export function parseTokenUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`malformed token endpoint URL "${url}": expected https://host/path`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(`malformed token endpoint URL "${url}": it must start with https:// or http://`);
  }
  return parsed.href;
}

export function httpTokenProvider(url: string, timeoutMs = DEFAULT_TIMEOUT_MS, use: TokenUse = 'zim'): TokenProvider {
  const endpoint = parseTokenUrl(url);
  return async (userID) => {
    const request = new URL(endpoint);
    request.searchParams.set('userID', userID);
    let response: Response;
    try {
      response = await fetch(request, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new TokenError(`the token endpoint ${endpoint} is not reachable: ${describeFetchError(error, timeoutMs)}`);
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) {
      throw new TokenError(`the token endpoint ${endpoint} answered HTTP ${response.status} for ${userID}${text ? `: ${text.slice(0, 200)}` : ''}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new TokenError(`the token endpoint ${endpoint} did not answer with JSON for ${userID}`);
    }
    const parsed = tokenResponseSchema.safeParse(json);
    if (!parsed.success) {
      const expressTokenAtFault = parsed.error.issues.every((issue) => issue.path[0] === 'expressToken');
      throw new TokenError(
        expressTokenAtFault
          ? `the token endpoint ${endpoint} answered with an "expressToken" that is not a token string (1 to ${MAX_TOKEN} characters) for ${userID}`
          : `the token endpoint ${endpoint} answered without a "token" string for ${userID}`,
      );
    }
    return use === 'express' ? (parsed.data.expressToken ?? parsed.data.token) : parsed.data.token;
  };
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? errorMessage(error);
}
