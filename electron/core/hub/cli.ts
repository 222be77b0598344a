/**
 * `npm run hub -- [--port N] [--host H] [flags]` (flags.ts): a standalone hub. Prints its URL alone on
 * a stdout line once it listens (scripts read that line); every log line goes to stderr.
 * `npm run hub -- --mint-token USER` prints a login token for one user instead, and exits.
 */
import { errorMessage } from '../../../shared/protocol/errors.js';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { HUB_SECRET_ENV, HUB_SECRET_FILE, resolveHubSecret } from '../auth/secret.js';
import { defaultDataDir } from '../paths.js';
import { isLoopback } from '../signaling/hubTls.js';
import { mintToken } from '../auth/token.js';
import { HUB_USAGE, parseHubFlags, type HubFlags, type MintRequest } from './flags.js';
import { KNOWN_USERS_FILE } from './knownUsers.js';
import { startHub } from './server.js';

const EXIT_USAGE = 2;

async function main(): Promise<void> {
  let flags: HubFlags | MintRequest | 'help';
  let dataDir: string;
  try {
    flags = parseHubFlags(process.argv.slice(2));
    dataDir = defaultDataDir();
  } catch (error) {
    process.stderr.write(`hub: ${(error as Error).message}\n${HUB_USAGE}\n`);
    process.exit(EXIT_USAGE);
  }
  if (flags === 'help') {
    process.stdout.write(`${HUB_USAGE}\n`);
    return;
  }
  const log = (line: string): void => {
    process.stderr.write(`${new Date().toISOString()} hub: ${line}\n`);
  };
  if ('days' in flags) {
    // A token signed with a secret made just now would be refused by every hub: say so instead.
    if (!process.env[HUB_SECRET_ENV] && !existsSync(join(dataDir, HUB_SECRET_FILE))) {
      process.stderr.write(
        `hub: --mint-token: no hub secret here (neither ${HUB_SECRET_ENV} nor ${join(dataDir, HUB_SECRET_FILE)}): run it where the hub runs, with the hub's secret\n`,
      );
      process.exit(EXIT_USAGE);
    }
    process.stdout.write(`${mintToken(resolveHubSecret(dataDir), flags.userID, Date.now(), flags.days * 86_400)}\n`);
    return;
  }
  const secret = resolveHubSecret(dataDir);
  const hub = await startHub({ ...flags, secret, log, knownUsersFile: join(dataDir, KNOWN_USERS_FILE) });
  if (!flags.tls && !isLoopback(hub.url)) {
    log(`warning: serving ws:// beyond this machine: login tokens cross the network in clear text; serve wss:// with --tls-cert and --tls-key`);
  }
  process.stdout.write(`${hub.url}\n`);
  const stop = (signal: NodeJS.Signals): void => {
    log(`${signal}: shutting down`);
    hub.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log(`shutdown failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`hub: ${errorMessage(error)}\n`);
  process.exit(1);
});
