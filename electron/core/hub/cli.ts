/**
 * `npm run hub -- [--port N] [--host H]`: a standalone hub. Prints its URL alone on a stdout line
 * once it listens (scripts read that line); every log line goes to stderr.
 */
import { parseArgs } from 'node:util';
import { resolveHubSecret } from '../auth/secret.js';
import { defaultDataDir } from '../paths.js';
import { startHub } from './server.js';

const HUB_USAGE = 'usage: npm run hub -- [--port N] [--host H]   (port 0, the default, picks a free port)';
const EXIT_USAGE = 2;

interface HubFlags {
  host: string;
  port: number;
}

/** Throws an Error naming the offending flag. */
function parseHubFlags(argv: string[]): HubFlags | 'help' {
  let values: { port?: string; host?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: { port: { type: 'string' }, host: { type: 'string' }, help: { type: 'boolean' } },
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
  return { host, port: Number(port) };
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
  const secret = resolveHubSecret(defaultDataDir());
  const hub = await startHub({ ...flags, secret, log });
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
  process.stderr.write(`hub: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
