/**
 * The key of a browser-mode page, kept in the data directory (`web-key-<user>`, mode 0600) when
 * asked for: with a fixed port, a page left open reconnects by itself after the process restarts.
 * The page proves it holds the key by signing a challenge (shared/ipc/web.ts), never by sending it.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { WEB_HELLO_CONTEXT } from '../../shared/ipc/web.js';
import { storedSecret } from '../core/auth/secret.js';

/** A new challenge for a page's connection. */
export function helloChallenge(): string {
  return randomBytes(24).toString('base64url');
}

/** The hello a page holding `key` answers `challenge` with (renderer/src/bridge/helloProof.ts makes the same). */
export function helloProof(key: string, challenge: string): string {
  return createHmac('sha256', key).update(WEB_HELLO_CONTEXT + challenge).digest('base64url');
}

export function keptPageKey(dataDir: string, user: string, warn: (text: string) => void): string {
  return storedSecret(dataDir, `web-key-${user}`, warn, `anyone who reads it can use ${user}'s softphone page`);
}
