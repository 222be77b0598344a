/**
 * Which incoming-call windows to open and close for a new AppState: one window per call that is
 * ringing for this user, gone as soon as the call leaves 'ringing' (answered, declined,
 * cancelled, timed out, signed out). Pure, so the BrowserWindow glue has nothing to decide.
 */
import type { AppState, CallView } from '../../shared/ipc/contract.js';

export interface IncomingWindowsDiff {
  /** Ringing calls without a window, in the order of `state.calls`. */
  open: CallView[];
  /** Call ids whose window is open but which no longer ring. */
  close: string[];
}

export function diffIncomingWindows(openIds: ReadonlySet<string>, state: Pick<AppState, 'calls'>): IncomingWindowsDiff {
  const ringing = state.calls.filter((call) => call.phase === 'ringing');
  const ringingIds = new Set(ringing.map((call) => call.callID));
  return {
    open: ringing.filter((call) => !openIds.has(call.callID)),
    close: [...openIds].filter((id) => !ringingIds.has(id)),
  };
}
