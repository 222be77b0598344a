/**
 * The page's answer to the core's challenge in browser mode (shared/ipc/web.ts): HMAC-SHA256 of
 * the challenge, keyed with the page's key, in base64url. The core makes the same with node:crypto
 * (electron/web/pageKey.ts); the key itself is never sent.
 */
import { WEB_HELLO_CONTEXT } from '../../../shared/ipc/constants.js';

export async function helloProof(key: string, challenge: string): Promise<string> {
  const encoder = new TextEncoder();
  const hmacKey = await crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, encoder.encode(WEB_HELLO_CONTEXT + challenge)));
  let binary = '';
  for (const byte of signature) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
