/** Command-line flags of `npm run web`, checked with messages that name the flag at fault. */
import { userIdSchema } from '../../shared/protocol/hub.js';
import type { HubTrust } from '../core/signaling/hubTls.js';
import { resolveZim, type ZimConfig } from '../core/signaling/zim/config.js';
import { parseArgs } from '../core/builtins.js';
import { checkedHubTrust, checkedHubUrl, checkTrustFlags, checkZimFlags, softphoneNumbers, type SoftphoneNumbers } from '../core/softphoneFlags.js';
import { refuseRepeatedFlags } from '../core/repeatedFlags.js';
import { wholeNumber } from '../core/wholeNumber.js';

export interface WebOptions extends SoftphoneNumbers {
  user: string;
  hub?: string;
  port?: number;
  /** Keep the page's key in the data directory, so that an open page survives a restart. */
  keepKey: boolean;
  /** Set when the ZEGOCLOUD backend is chosen (--backend zim or SWITCHBOARD_BACKEND=zim). */
  zim?: ZimConfig;
  /** --hub-ca / --hub-fingerprint (or their variables): how to trust a wss:// hub. */
  hubTrust?: HubTrust;
}

export const WEB_USAGE = `usage: npm run web -- --user NAME [--hub ws://HOST:PORT | wss://HOST:PORT] [--hub-ca FILE] [--hub-fingerprint HEX]
                     [--port P] [--keep-key] [--incoming-limit K] [--outgoing-limit M] [--call-timeout S] [--history-limit N]
                     [--backend hub|zim] [--zim-app-id ID] [--zim-token-url URL]`;

export function parseWebOptions(argv: string[], env: NodeJS.ProcessEnv = {}): WebOptions {
  let values, tokens;
  try {
    ({ values, tokens } = parseArgs({
      args: argv,
      strict: true,
      tokens: true,
      options: {
        user: { type: 'string' },
        hub: { type: 'string' },
        'hub-ca': { type: 'string' },
        'hub-fingerprint': { type: 'string' },
        port: { type: 'string' },
        'keep-key': { type: 'boolean' },
        'incoming-limit': { type: 'string' },
        'outgoing-limit': { type: 'string' },
        'call-timeout': { type: 'string' },
        'history-limit': { type: 'string' },
        backend: { type: 'string' },
        'zim-app-id': { type: 'string' },
        'zim-token-url': { type: 'string' },
      },
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${WEB_USAGE}`);
  }
  refuseRepeatedFlags(tokens.filter((token) => token.kind === 'option'));
  if (values.user === undefined) throw new Error(`--user is required\n${WEB_USAGE}`);
  const user = userIdSchema.safeParse(values.user);
  if (!user.success) throw new Error(`--user "${values.user}": ${user.error.issues[0]?.message ?? 'invalid'}`);
  const hub = checkedHubUrl(values.hub, '--hub');
  const hubTrust = checkedHubTrust(values, env);
  checkTrustFlags(values, hub, '--hub');
  const zim = resolveZim({ backend: values.backend, hub: values.hub, appID: values['zim-app-id'], tokenUrl: values['zim-token-url'] }, env);
  checkZimFlags(values, zim !== null);
  return {
    user: user.data,
    hub,
    port: wholeNumber('--port', values.port, 0, 65535),
    keepKey: values['keep-key'] ?? false,
    ...softphoneNumbers((name) => values[name]),
    zim: zim ?? undefined,
    hubTrust,
  };
}

