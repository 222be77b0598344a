/**
 * The users a hub has ever seen signed in, kept in a file (one userID a line) so that they stay
 * known across the hub's restarts: an invitation to one of them rings when they next sign in,
 * rather than failing as if they did not exist. A damaged line is skipped and logged, never fatal.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { errorMessage } from '../../../shared/protocol/errors.js';
import { userIdSchema } from '../../../shared/protocol/hub.js';
import { makePrivateDirectory } from '../paths.js';

export const KNOWN_USERS_FILE = 'hub-users';

/**
 * The users kept in `file`. Its directory is made first (owner only) if it is not there yet: a hub
 * whose secret comes from the environment may never have written to its data directory. Null,
 * said once, when it cannot be made: the hub then knows its users until it stops.
 */
export function loadKnownUsers(file: string, log: (line: string) => void): string[] | null {
  try {
    makePrivateDirectory(dirname(file));
  } catch (error) {
    log(`cannot keep the users met in ${file}, so they are forgotten when the hub stops: ${errorMessage(error)}`);
    return null;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log(`cannot read the known users in ${file}: ${errorMessage(error)}`);
    return [];
  }
  const lines = text.split('\n');
  // A last line without its \n (cut short by a crash or a full disk, or an edit) is ended now:
  // the next user appended would otherwise be glued to it, and both names lost.
  if (text !== '' && !text.endsWith('\n')) {
    try {
      appendFileSync(file, '\n');
    } catch (error) {
      log(`cannot end the last line of ${file}: ${errorMessage(error)}`);
    }
  }
  const users: string[] = [];
  let damaged = 0;
  for (const line of lines) {
    if (line === '') continue;
    if (userIdSchema.safeParse(line).success) users.push(line);
    else damaged += 1;
  }
  if (damaged > 0) log(`${file}: skipped ${damaged} line(s) that are not user IDs`);
  return users;
}

export function rememberKnownUser(file: string, userID: string, log: (line: string) => void): void {
  try {
    appendFileSync(file, `${userID}\n`, { mode: 0o600 });
  } catch (error) {
    log(`cannot remember ${userID} in ${file}: ${errorMessage(error)}`);
  }
}
