/**
 * The softphone's IPC in Electron: commands and state requests are answered only for our own
 * page in a window we opened; every AppState goes to every live renderer. The commands
 * themselves are validated by the softphone (shared/ipc/contract.ts), not here.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { ipcChannels } from '../../shared/ipc/constants.js';
import type { Softphone } from '../core/softphone.js';
import type { Log } from './log.js';
import type { Renderers } from './renderers.js';
import { isAppPage } from './trust.js';

/** Starts answering; returns the disposer that stops it. */
export function serveSoftphone(softphone: Softphone, renderers: Renderers<WebContents>, appPage: string, log: Log): () => void {
  const checkSender = (event: IpcMainInvokeEvent, channel: string): void => {
    const frame = event.senderFrame;
    // The main frame only: a subframe, even of our own page, is not our UI.
    if (frame !== null && frame.parent === null && renderers.has(event.sender) && isAppPage(frame.url, appPage)) return;
    const from = frame?.url ?? 'a frame that has gone';
    log(`refused ${channel} from ${from}`);
    throw new Error(`${channel} answers only Switchboard's own page, not ${from}`);
  };
  ipcMain.handle(ipcChannels.command, (event, input: unknown) => {
    checkSender(event, ipcChannels.command);
    return softphone.command(input);
  });
  ipcMain.handle(ipcChannels.getState, (event) => {
    checkSender(event, ipcChannels.getState);
    return softphone.state;
  });
  const unsubscribe = softphone.onState((state) => renderers.broadcast(ipcChannels.state, state));
  return () => {
    unsubscribe();
    ipcMain.removeHandler(ipcChannels.command);
    ipcMain.removeHandler(ipcChannels.getState);
  };
}
