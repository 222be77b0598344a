/** Command-line flags of `npm run web`, checked with messages that name the flag at fault. */
import { parseArgs } from 'node:util';
import { userIdSchema } from '../../shared/protocol/hub.js';
import { resolveHubTrust, type HubTrust } from '../core/signaling/hubTls.js';
import { resolveZim, type ZimConfig } from '../core/signaling/zim/config.js';

export interface WebOptions {
  user: string;
  hub?: string;
  port?: number;
  incomingLimit?: number;
  outgoingLimit?: number;
  callTimeout?: number;
  /** Set when the ZEGOCLOUD backend is chosen (--backend zim or SWITCHBOARD_BACKEND=zim). */
  zim?: ZimConfig;
  /** --hub-ca / --hub-fingerprint (or their variables): how to trust a wss:// hub. */
  hubTrust?: HubTrust;
}

export const WEB_USAGE = `usage: npm run web -- --user NAME [--hub ws://HOST:PORT | wss://HOST:PORT] [--hub-ca FILE] [--hub-fingerprint HEX] [--port P]
                     [--incoming-limit K] [--outgoing-limit M] [--call-timeout S]
                     [--backend hub|zim] [--zim-app-id ID] [--zim-token-url URL]`;

export function parseWebOptions(argv: string[], env: NodeJS.ProcessEnv = {}): WebOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        user: { type: 'string' },
        hub: { type: 'string' },
        'hub-ca': { type: 'string' },
        'hub-fingerprint': { type: 'string' },
        port: { type: 'string' },
        'incoming-limit': { type: 'string' },
        'outgoing-limit': { type: 'string' },
        'call-timeout': { type: 'string' },
        backend: { type: 'string' },
        'zim-app-id': { type: 'string' },
        'zim-token-url': { type: 'string' },
      },
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${WEB_USAGE}`);
  }
  if (values.user === undefined) throw new Error(`--user is required\n${WEB_USAGE}`);
  const user = userIdSchema.safeParse(values.user);
  if (!user.success) throw new Error(`--user "${values.user}": ${user.error.issues[0]?.message ?? 'invalid'}`);
  return {
    user: user.data,
    hub: values.hub,
    port: wholeNumber('--port', values.port, 0, 65535),
    incomingLimit: wholeNumber('--incoming-limit', values['incoming-limit']),
    outgoingLimit: wholeNumber('--outgoing-limit', values['outgoing-limit']),
    callTimeout: wholeNumber('--call-timeout', values['call-timeout']),
    zim: resolveZim({ backend: values.backend, hub: values.hub, appID: values['zim-app-id'], tokenUrl: values['zim-token-url'] }, env) ?? undefined,
    hubTrust: resolveHubTrust({ ca: values['hub-ca'], fingerprint: values['hub-fingerprint'] }, env),
  };
}

/** Parses a whole number; range checks beyond `min..max` are left to the part that owns the value. */
export function wholeNumber(flag: string, text: string | undefined, min = -Infinity, max = Infinity): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) throw new Error(`${flag} must be a whole number, not "${text}"`);
  if (value < min || value > max) throw new Error(`${flag} must be from ${min} to ${max}, not ${value}`);
  return value;
}
