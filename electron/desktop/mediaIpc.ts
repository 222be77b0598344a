/**
 * Media signaling in Electron: only the main window carries the audio, so only its page may send
 * media signals, and only it is sent the signals that arrive. The signals themselves are checked
 * by the core (calls/mediaRelay.ts), not here.
 */
import { ipcMain, type IpcMainEvent, type WebContents } from 'electron';
import { ipcChannels } from '../../shared/ipc/constants.js';
import type { Softphone } from '../core/softphone.js';
import type { Log } from './log.js';
import { isAppPage } from './trust.js';

/** Starts carrying media signals for the main window's page; returns the disposer. */
export function serveMedia(softphone: Softphone, mainPage: () => WebContents | null, appPage: string, log: Log): () => void {
  const onSend = (event: IpcMainEvent, input: unknown): void => {
    const frame = event.senderFrame;
    const main = mainPage();
    if (main === null || event.sender !== main || frame === null || frame.parent !== null || !isAppPage(frame.url, appPage)) {
      log(`refused a media signal from ${frame?.url ?? 'a frame that has gone'}: only the main window carries audio`);
      return;
    }
    softphone.sendMediaSignal(input);
  };
  ipcMain.on(ipcChannels.mediaSend, onSend);
  const unsubscribe = softphone.onMediaSignal((message) => {
    const main = mainPage();
    if (main && !main.isDestroyed()) main.send(ipcChannels.mediaReceive, message);
  });
  return () => {
    unsubscribe();
    ipcMain.removeListener(ipcChannels.mediaSend, onSend);
  };
}
