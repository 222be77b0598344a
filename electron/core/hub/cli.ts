/**
 * `npm run hub -- [--port N] [--host H] [limit flags]`: a standalone hub. Prints its URL alone on
 * a stdout line once it listens (scripts read that line); every log line goes to stderr.
 */
import { errorMessage } from '../../../shared/protocol/errors.js';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveHubSecret } from '../auth/secret.js';
import { defaultDataDir } from '../paths.js';
import { KNOWN_USERS_FILE } from './knownUsers.js';
import { DEFAULT_MAX_OPEN_INVITATIONS, DEFAULT_REQUEST_BURST, DEFAULT_REQUESTS_PER_SECOND } from './limits.js';
import { startHub } from './server.js';

const HUB_USAGE = [
  'usage: npm run hub -- [--port N] [--host H] [--requests-per-second R] [--request-burst B] [--max-open-invitations K] [--open-join]',
  '  --port N                  0, the default, picks a free port',
  '  --host H                  default 127.0.0.1',
  `  --requests-per-second R   requests a connection may send per second, sustained; 0 = no limit (default ${DEFAULT_REQUESTS_PER_SECOND})`,
  `  --request-burst B         requests a connection may send at once (default ${DEFAULT_REQUEST_BURST})`,
  `  --max-open-invitations K  calls a user may have ringing at once (default ${DEFAULT_MAX_OPEN_INVITATIONS})`,
  '  --open-join               ZIM\'s callJoin rule: anyone who knows an advanced call\'s ID may join it (default: members only)',
].join('\n');
const EXIT_USAGE = 2;

interface HubFlags {
  host: string;
  port: number;
  requestsPerSecond: number;
  requestBurst: number;
  maxOpenInvitations: number;
  openJoin: boolean;
}

type LimitFlag = 'requests-per-second' | 'request-burst' | 'max-open-invitations';

/** Throws an Error naming the offending flag. */
function parseHubFlags(argv: string[]): HubFlags | 'help' {
  let values: { port?: string; host?: string; help?: boolean; 'open-join'?: boolean } & Partial<Record<LimitFlag, string>>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        help: { type: 'boolean' },
        'open-join': { type: 'boolean' },
        'requests-per-second': { type: 'string' },
        'request-burst': { type: 'string' },
        'max-open-invitations': { type: 'string' },
      },
      strict: true,
      allowPositionals: true,
    }));
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    const flag = /'(-[^' ]+)/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) throw new Error(`unknown flag ${flag}`);
    throw new Error(message);
  }
  if (values.help) return 'help';
  const first = positionals[0];
  if (first !== undefined) throw new Error(`unexpected argument "${first}"`);
  const port = values.port ?? '0';
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65_535) {
    throw new Error(`--port "${port}": expected a whole number from 0 to 65535`);
  }
  const host = values.host ?? '127.0.0.1';
  if (host === '' || /\s/.test(host)) throw new Error(`--host "${host}": expected a host name or IP address`);
  return {
    host,
    port: Number(port),
    requestsPerSecond: wholeNumber(values, 'requests-per-second', 0, DEFAULT_REQUESTS_PER_SECOND),
    requestBurst: wholeNumber(values, 'request-burst', 1, DEFAULT_REQUEST_BURST),
    maxOpenInvitations: wholeNumber(values, 'max-open-invitations', 1, DEFAULT_MAX_OPEN_INVITATIONS),
    openJoin: values['open-join'] ?? false,
  };
}

function wholeNumber(values: Partial<Record<LimitFlag, string>>, flag: LimitFlag, min: number, fallback: number): number {
  const text = values[flag];
  if (text === undefined) return fallback;
  if (!/^\d{1,9}$/.test(text) || Number(text) < min) throw new Error(`--${flag} "${text}": expected a whole number of at least ${min}`);
  return Number(text);
}

async function main(): Promise<void> {
  let flags: HubFlags | 'help';
  try {
    flags = parseHubFlags(process.argv.slice(2));
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
  const dataDir = defaultDataDir();
  const secret = resolveHubSecret(dataDir);
  const hub = await startHub({ ...flags, secret, log, knownUsersFile: join(dataDir, KNOWN_USERS_FILE) });
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
