/**
 * `npm run demo`: a hub and three softphones in browser mode — alice, bob (incoming limit 2)
 * and carol — in one process. Open the three printed URLs side by side.
 */
import { errorMessage } from '../../shared/protocol/errors.js';
import { resolveHubSecret } from '../core/auth/secret.js';
import { startHub } from '../core/hub/server.js';
import { createSoftphone, type Softphone } from '../core/softphone.js';
import { defaultDataDir, userHistoryPath } from '../core/paths.js';
import { RENDERER_DIR } from './rendererDir.js';
import { startWebServer, type RunningWebServer } from './server.js';

const PEOPLE = [
  { user: 'alice', incoming: undefined },
  { user: 'bob', incoming: 2 },
  { user: 'carol', incoming: undefined },
];

async function main(): Promise<void> {
  // The default data directory, so `npm run web -- --user dave --hub <url>` can join with the same secret.
  const dataDir = defaultDataDir();
  const secret = resolveHubSecret(dataDir);
  const hub = await startHub({ secret, log: (line) => console.error(`[hub] ${line}`) });
  console.log(`hub: ${hub.url}`);
  const running: Array<{ softphone: Softphone; web: RunningWebServer }> = [];
  for (const { user, incoming } of PEOPLE) {
    const log = (line: string): void => console.error(`[${user}] ${line}`);
    const historyPath = userHistoryPath(dataDir, user);
    const softphone = await createSoftphone({ dataDir, hubUrl: hub.url, userID: user, limits: { incoming }, historyPath, log });
    const web = await startWebServer({ softphone, rendererDir: RENDERER_DIR, log });
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
