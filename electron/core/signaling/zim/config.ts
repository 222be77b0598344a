/**
 * Which signaling backend a softphone uses: the local hub (the default), or ZEGOCLOUD's ZIM with
 * an AppID and the URL of the user's token endpoint. Read from flags and the environment by the
 * same rules in browser mode and the desktop app; errors name the value at fault.
 */
import { parseTokenUrl } from './tokenProvider.js';

export interface ZimConfig {
  appID: number;
  /** The user's own endpoint that mints ZIM tokens with the ServerSecret (see tokenProvider.ts). */
  tokenUrl: string;
}

export const BACKEND_ENV = 'SWITCHBOARD_BACKEND';
export const ZIM_APP_ID_ENV = 'SWITCHBOARD_ZIM_APP_ID';
export const ZIM_TOKEN_URL_ENV = 'SWITCHBOARD_ZIM_TOKEN_URL';

/** ZEGOCLOUD AppIDs are unsigned 32-bit numbers. */
export const MAX_APP_ID = 0xffff_ffff;

export function parseAppID(text: string, where: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < 1 || value > MAX_APP_ID) {
    throw new Error(`${where} must be a ZEGOCLOUD AppID (a whole number from 1 to ${MAX_APP_ID}), not "${text}"`);
  }
  return value;
}

export interface BackendChoice {
  backend?: string;
  /** The --hub flag: naming a hub chooses the hub backend, over SWITCHBOARD_BACKEND. */
  hub?: string;
  appID?: string;
  tokenUrl?: string;
}

/** The backend a flag or the environment names, checked; undefined when neither names one. Flags win. */
export function chosenBackend(flags: BackendChoice, env: NodeJS.ProcessEnv): 'hub' | 'zim' | undefined {
  const backend = flags.backend ?? (flags.hub !== undefined ? 'hub' : (env[BACKEND_ENV] || undefined));
  if (backend === undefined) return undefined;
  const backendWhere = flags.backend !== undefined ? '--backend' : BACKEND_ENV;
  if (backend !== 'hub' && backend !== 'zim') throw new Error(`${backendWhere} must be "hub" or "zim", not "${backend}"`);
  if (backend === 'zim' && flags.hub !== undefined) throw new Error('--hub names a hub and --backend zim chooses ZEGOCLOUD: give one of them');
  return backend;
}

/** The ZIM configuration when the ZIM backend is chosen, null for the hub. Flags win over the environment. */
export function resolveZim(flags: BackendChoice, env: NodeJS.ProcessEnv): ZimConfig | null {
  if ((chosenBackend(flags, env) ?? 'hub') === 'hub') return null;
  const appIDText = flags.appID ?? (env[ZIM_APP_ID_ENV] || undefined);
  const tokenUrlText = flags.tokenUrl ?? (env[ZIM_TOKEN_URL_ENV] || undefined);
  if (appIDText === undefined) throw new Error(`the ZIM backend needs an AppID: give --zim-app-id or ${ZIM_APP_ID_ENV}`);
  const appID = parseAppID(appIDText, flags.appID !== undefined ? '--zim-app-id' : ZIM_APP_ID_ENV);
  if (tokenUrlText === undefined) {
    throw new Error(`the ZIM backend needs a token endpoint: give --zim-token-url or ${ZIM_TOKEN_URL_ENV}`);
  }
  return { appID, tokenUrl: parseTokenUrl(tokenUrlText) };
}

/** The ZEGO Express server for an AppID, as ZEGO's web SDK documentation gives it. */
export function expressServerFor(appID: number): string {
  return `wss://webliveroom${appID}-api.coolzcloud.com/ws`;
}
