/**
 * The key of a browser-mode page, kept in the data directory (`web-key-<user>`, mode 0600) when
 * asked for: with a fixed port, a page left open reconnects by itself after the process restarts.
 */
import { storedSecret } from '../core/auth/secret.js';

export function keptPageKey(dataDir: string, user: string, warn: (text: string) => void): string {
  return storedSecret(dataDir, `web-key-${user}`, warn, `anyone who reads it can use ${user}'s softphone page`);
}
