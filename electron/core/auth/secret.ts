/**
 * Where the hub secret comes from: SWITCHBOARD_HUB_SECRET when set, otherwise a random secret
 * generated once and kept (mode 0600) in the user data directory, so that a standalone hub and
 * the softphones of the same OS user on one machine agree without configuration.
 *
 * Whoever knows the secret can mint a login for anyone, so a secret that is too short, empty or
 * unreadable is an error naming its source, never a fallback. Creation is atomic: the secret is
 * written whole to a private temporary file, then linked into place (a link never overwrites), so
 * processes racing on a fresh directory all end up reading the one file that won.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { errorMessage } from '../../../shared/protocol/errors.js';
import { makePrivateDirectory } from '../paths.js';

export const HUB_SECRET_ENV = 'SWITCHBOARD_HUB_SECRET';
export const HUB_SECRET_FILE = 'hub-secret';
export const MIN_SECRET_LENGTH = 16;

/** Throws unless `secret` is long enough to sign tokens with; `source` names where it came from. */
export function checkHubSecret(secret: string, source: string): string {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`${source} holds a secret of ${secret.length} characters: at least ${MIN_SECRET_LENGTH} are needed`);
  }
  return secret;
}

/**
 * The hub secret for `dataDir`. `warn` hears about a secret file that other users can read: it is
 * still used (the hub and softphones must keep agreeing), but the person should tighten it.
 */
export function resolveHubSecret(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
  warn: (text: string) => void = (text) => console.warn(text),
): string {
  const fromEnv = env[HUB_SECRET_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return checkHubSecret(fromEnv, HUB_SECRET_ENV);
  return storedSecret(dataDir, HUB_SECRET_FILE, warn, 'anyone who reads it can sign in as anyone');
}

/**
 * A random secret kept in `dataDir/fileName` (mode 0600), made on first use; any number of
 * processes asking at once get the same one. `risk` says what a reader of the file could do.
 */
export function storedSecret(dataDir: string, fileName: string, warn: (text: string) => void, risk: string): string {
  const file = join(dataDir, fileName);
  const stored = readStoredSecret(file) ?? createSecretFile(dataDir, file);
  const mode = statSync(file).mode;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    warn(`${file} can be read by other users (mode ${(mode & 0o777).toString(8)}): ${risk}; run chmod 600 on it`);
  }
  return stored;
}

/** The stored secret, or null when there is no file yet. */
function readStoredSecret(file: string): string | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`cannot read the secret ${file}: ${errorMessage(error)}`);
  }
  return checkHubSecret(text.trim(), file);
}

function createSecretFile(dataDir: string, file: string): string {
  makePrivateDirectory(dataDir);
  const temporary = join(dataDir, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}`);
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, `${randomBytes(32).toString('base64url')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, file);
  } catch (error) {
    // Another process linked its secret first: everyone uses that one.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  const secret = readStoredSecret(file);
  if (secret === null) throw new Error(`the secret ${file} vanished while it was being created`);
  return secret;
}
