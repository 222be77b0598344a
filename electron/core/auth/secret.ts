/**
 * Where the hub secret comes from: SWITCHBOARD_HUB_SECRET when set, otherwise a random secret
 * generated once and kept (mode 0600) in the user data directory, so that a standalone hub and
 * the softphones of the same OS user on one machine agree without configuration.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const HUB_SECRET_ENV = 'SWITCHBOARD_HUB_SECRET';
export const HUB_SECRET_FILE = 'hub-secret';
const MIN_SECRET_LENGTH = 16;

export function resolveHubSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[HUB_SECRET_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.length < MIN_SECRET_LENGTH) {
      throw new Error(`${HUB_SECRET_ENV} is too short: use at least ${MIN_SECRET_LENGTH} characters`);
    }
    return fromEnv;
  }
  const file = join(dataDir, HUB_SECRET_FILE);
  try {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= MIN_SECRET_LENGTH) return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(32).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  try {
    // 'wx': if another process wrote one meanwhile, theirs wins and both agree.
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFileSync(file, 'utf8').trim();
  }
  return secret;
}
