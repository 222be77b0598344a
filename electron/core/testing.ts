/** What the tests of softphones share: waiting for a state. */
import type { AppState } from '../../shared/ipc/contract.js';
import type { Softphone } from './softphone.js';

/** The first state, now or to come, that passes `test`. */
export function waitForState(softphone: Softphone, test: (state: AppState) => boolean): Promise<AppState> {
  return new Promise((resolve) => {
    if (test(softphone.state)) return resolve(softphone.state);
    const stop = softphone.onState((state) => {
      if (!test(state)) return;
      stop();
      resolve(state);
    });
  });
}
