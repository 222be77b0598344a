/**
 * Picks the bridge for where the page runs: Electron's preload API when it is there, otherwise
 * browser mode's WebSocket to the server that served this page.
 */
import type { SoftphoneApi } from '../../../shared/ipc/contract.js';
import { WEB_IPC_PATH, WEB_SECRET_PARAM } from '../../../shared/ipc/constants.js';
import type { Bridge } from './types.js';
import { createWebBridge } from './webBridge.js';

declare global {
  interface Window {
    /** Exposed by Electron's preload; absent in browser mode. */
    softphone?: SoftphoneApi;
  }
}

export function createBridge(): Bridge {
  const electron = window.softphone;
  if (electron) {
    return {
      command: (command) => electron.command(command),
      getState: () => electron.getState(),
      onState: (listener) => electron.onState(listener),
      media: electron.media,
      // The preload reaches main in-process: there is no link that could drop.
      onLink: (listener) => {
        listener({ kind: 'open' });
        return () => undefined;
      },
    };
  }
  const { protocol, host, hash } = window.location;
  // The secret travels in the fragment so it never reaches a server log or a Referer header.
  const secret = new URLSearchParams(hash.slice(1)).get(WEB_SECRET_PARAM) ?? '';
  return createWebBridge({
    url: `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}${WEB_IPC_PATH}`,
    secret,
    Socket: WebSocket,
  });
}
