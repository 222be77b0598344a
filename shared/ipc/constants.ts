/**
 * The IPC contract's plain values, free of schemas so that the preload and the renderer can
 * import them without bundling zod.
 */

export const LIMIT_MIN = 1;
export const LIMIT_MAX = 20;
export const DEFAULT_INCOMING_LIMIT = 3;
export const DEFAULT_OUTGOING_LIMIT = 1;
/** History entries a snapshot carries: the newest that match the History list's filter and search. */
export const HISTORY_LIMIT = 200;
/** History entries kept on disk unless configured otherwise (--history-limit). */
export const DEFAULT_HISTORY_RETENTION = 10_000;
export const HISTORY_RETENTION_MAX = 1_000_000;
export const HISTORY_SEARCH_MAX = 64;
export const NOTICE_LIMIT = 5;
/** People whose calls ring through do not disturb and full lines: a short list, or nobody is special. */
export const PRIORITY_CALLERS_MAX = 50;

/** Electron channel names; the preload and main import them from here and nowhere else. */
export const ipcChannels = {
  command: 'switchboard:command',
  state: 'switchboard:state',
  getState: 'switchboard:get-state',
  /** Media signals, renderer → main (shared/ipc/media.ts). */
  mediaSend: 'switchboard:media-send',
  /** Media signals, main → the renderer that carries the audio. */
  mediaReceive: 'switchboard:media-receive',
} as const;

/**
 * Where ZEGO Express connects from the page on the ZIM backend (its room server
 * wss://webliveroom<AppID>-api.coolzcloud.com and ZEGO's other service hosts): the only addresses
 * the page's CSP lets it reach besides our own, and only on that backend.
 */
export const ZEGO_EXPRESS_CONNECT_SOURCES = 'wss://*.coolzcloud.com https://*.coolzcloud.com wss://*.zegocloud.com https://*.zegocloud.com';

/** Browser mode: the WebSocket path of the IPC contract (see web.ts). */
export const WEB_IPC_PATH = '/ipc';
/** The URL fragment parameter that carries the per-launch secret to the page. */
export const WEB_SECRET_PARAM = 'key';
/** The page's key is wrong: the page stops and says so (a reload will not help). */
export const WEB_CLOSE_UNAUTHORIZED = 4401;
/**
 * No hello in time: the page may hold the right key and only have been slow (its main thread
 * busy, its tab held back), so it reconnects, as after any other drop.
 */
export const WEB_CLOSE_NO_HELLO = 4408;
/** What the page's hello signs before the core's challenge (web.ts): an HMAC for this use only. */
export const WEB_HELLO_CONTEXT = 'switchboard-web-hello:';
