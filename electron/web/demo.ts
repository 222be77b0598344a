/**
 * `npm run demo`: a hub and three softphones in browser mode — alice, bob (incoming limit 2)
 * and carol — in one process. Open the three printed URLs side by side.
 */
import { join } from 'node:path';
import { errorMessage } from '../../shared/protocol/errors.js';
import { resolveHubSecret } from '../core/auth/secret.js';
import { KNOWN_USERS_FILE } from '../core/hub/knownUsers.js';
import { startHub } from '../core/hub/server.js';
import { createSoftphone, type Softphone } from '../core/softphone.js';
import { defaultDataDir, userHistoryPath } from '../core/paths.js';
import { RENDERER_DIR } from './rendererDir.js';
import { refuseRepeatedFlags } from '../core/repeatedFlags.js';
import { wholeNumber } from '../core/wholeNumber.js';
import { keptPageKey } from './pageKey.js';
import { startWebServer, type RunningWebServer } from './server.js';
import { parseArgs } from '../core/builtins.js';

const PEOPLE = [
  { user: 'alice', incoming: undefined },
  { user: 'bob', incoming: 2 },
  { user: 'carol', incoming: undefined },
];

const DEMO_USAGE = 'usage: npm run demo [-- --port P [--keep-keys]]';

/**
 * `--port P` puts the hub on P and the pages on P+1, P+2 and P+3; `--keep-keys` keeps each page's
 * key in the data directory. Together they let open pages reconnect by themselves after a restart.
 */
function parseDemoOptions(argv: string[]): { port: number | undefined; keepKeys: boolean } {
  let values, tokens;
  try {
    ({ values, tokens } = parseArgs({ args: argv, strict: true, tokens: true, options: { port: { type: 'string' }, 'keep-keys': { type: 'boolean' } } }));
  } catch (error) {
    throw new Error(`${errorMessage(error)}\n${DEMO_USAGE}`);
  }
  refuseRepeatedFlags(tokens.filter((token) => token.kind === 'option'));
  return { port: wholeNumber('--port', values.port, 1, 65535 - PEOPLE.length), keepKeys: values['keep-keys'] ?? false };
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(DEMO_USAGE);
    return;
  }
  let options;
  // The default data directory, so `npm run web -- --user dave --hub <url>` can join with the same secret.
  let dataDir;
  try {
    options = parseDemoOptions(process.argv.slice(2));
    dataDir = defaultDataDir();
  } catch (error) {
    console.error(errorMessage(error));
    process.exit(2);
  }
  const secret = resolveHubSecret(dataDir);
  const log = (line: string) => console.error(`[hub] ${line}`);
  const hub = await startHub({ secret, log, port: options.port, knownUsersFile: join(dataDir, KNOWN_USERS_FILE) });
  console.log(`hub: ${hub.url}`);
  const running: Array<{ softphone: Softphone; web: RunningWebServer }> = [];
  for (const [index, { user, incoming }] of PEOPLE.entries()) {
    const log = (line: string): void => console.error(`[${user}] ${line}`);
    const historyPath = userHistoryPath(dataDir, user);
    // The demo's own hub, in this process: a CA or pin from the environment (for a wss:// hub elsewhere) has nothing to check.
    const softphone = await createSoftphone({ dataDir, hubUrl: hub.url, userID: user, limits: { incoming }, historyPath, hubTrust: {}, log });
    const port = options.port === undefined ? undefined : options.port + 1 + index;
    const key = options.keepKeys ? keptPageKey(dataDir, user, (text) => softphone.warn(text)) : undefined;
    const web = await startWebServer({ softphone, rendererDir: RENDERER_DIR, port, key, log });
    running.push({ softphone, web });
    console.log(`${user}: ${web.url}`);
  }
  console.log(`Add someone: npm run web -- --user dave --hub ${hub.url}`);
  console.log('Open each URL in its own browser window. Ctrl+C stops the demo.');
  const stop = async (): Promise<void> => {
    for (const { softphone, web } of running) {
      await web.close();
      await softphone.dispose();
    }
    await hub.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`switchboard demo: ${errorMessage(error)}`);
  process.exit(1);
});
