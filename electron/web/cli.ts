/**
 * `npm run web -- --user alice [--hub ws://…]`: one softphone in browser mode. Prints the page
 * URL (secret included) on a line of its own when ready; logs go to stderr.
 */
import { errorMessage } from '../../shared/protocol/errors.js';
import { defaultDataDir, userHistoryPath } from '../core/paths.js';
import { createSoftphone } from '../core/softphone.js';
import { parseWebOptions, WEB_USAGE } from './options.js';
import { RENDERER_DIR } from './rendererDir.js';
import { keptPageKey } from './pageKey.js';
import { startWebServer } from './server.js';

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(`${WEB_USAGE}\n(each flag is described in the README, "Run modes and flags")`);
    return;
  }
  let options;
  let dataDir;
  try {
    options = parseWebOptions(process.argv.slice(2), process.env);
    dataDir = defaultDataDir();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const log = (line: string): void => console.error(`[${options.user}] ${line}`);
  const softphone = await createSoftphone({
    dataDir,
    hubUrl: options.hub,
    zim: options.zim,
    userID: options.user,
    limits: { incoming: options.incomingLimit, outgoing: options.outgoingLimit },
    callTimeoutS: options.callTimeout,
    historyPath: userHistoryPath(dataDir, options.user),
    historyRetention: options.historyLimit,
    hubTrust: options.hubTrust,
    log,
  });
  const key = options.keepKey ? keptPageKey(dataDir, options.user, (text) => softphone.warn(text)) : undefined;
  const web = await startWebServer({ softphone, rendererDir: RENDERER_DIR, port: options.port, key, log });
  if (!options.hub && !options.zim) log(`in-process hub at ${softphone.hubUrl} (other softphones can join with --hub ${softphone.hubUrl})`);
  console.log(web.url);

  const stop = async (): Promise<void> => {
    await web.close();
    await softphone.dispose();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`switchboard web: ${errorMessage(error)}`);
  process.exit(1);
});
