/**
 * Quitting ends the calls properly first: ringing calls are declined and connected ones hung up,
 * so the people on the other end see the call end at once rather than time out.
 */
import { app } from 'electron';
import { errorText, type Log } from './log.js';

/** A hub that stopped answering must not keep the app from quitting. */
const QUIT_TIMEOUT_MS = 5_000;

/** Holds the quit until `dispose` has ended the calls and closed the connection, or given up. */
export function disposeOnQuit(dispose: () => Promise<void>, log: Log): void {
  let phase: 'running' | 'disposing' | 'disposed' = 'running';
  app.on('will-quit', (event) => {
    if (phase === 'disposed') return;
    event.preventDefault();
    if (phase === 'disposing') return;
    phase = 'disposing';
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log(`quitting without waiting longer for the calls to end (${QUIT_TIMEOUT_MS} ms)`);
        resolve();
      }, QUIT_TIMEOUT_MS);
    });
    Promise.race([dispose(), timeout])
      .catch((error: unknown) => log(`ending calls on quit failed: ${errorText(error)}`))
      .finally(() => {
        clearTimeout(timer);
        phase = 'disposed';
        app.quit();
      });
  });
}
