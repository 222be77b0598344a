/**
 * window.softphone for our page: the SoftphoneApi of shared/ipc/contract.ts over Electron IPC.
 * Only these functions cross the context bridge, never ipcRenderer itself. It runs in a
 * sandboxed preload, so it is bundled into one CommonJS file with only `electron` left outside.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ipcChannels } from '../../shared/ipc/constants.js';
import type { AppState, CommandResult, SoftphoneApi } from '../../shared/ipc/contract.js';
import type { MediaToRenderer } from '../../shared/ipc/media.js';

const softphone: SoftphoneApi = {
  command: (command): Promise<CommandResult> => ipcRenderer.invoke(ipcChannels.command, command),
  getState: (): Promise<AppState> => ipcRenderer.invoke(ipcChannels.getState),
  onState(listener) {
    // Each subscriber gets a listener of its own, so unsubscribing removes exactly that one,
    // and the page never sees the IPC event (whose sender would reach back into Electron).
    const forward = (_event: IpcRendererEvent, state: AppState): void => listener(state);
    ipcRenderer.on(ipcChannels.state, forward);
    return () => {
      ipcRenderer.removeListener(ipcChannels.state, forward);
    };
  },
  media: {
    send: (message) => ipcRenderer.send(ipcChannels.mediaSend, message),
    onSignal(listener) {
      const forward = (_event: IpcRendererEvent, message: MediaToRenderer): void => listener(message);
      ipcRenderer.on(ipcChannels.mediaReceive, forward);
      return () => {
        ipcRenderer.removeListener(ipcChannels.mediaReceive, forward);
      };
    },
  },
};

contextBridge.exposeInMainWorld('softphone', softphone);
