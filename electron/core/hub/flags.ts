/**
 * The flags of `npm run hub`: parsed into HubOptions, each refusal naming its flag. README.md
 * and docs/protocol.md ("Limits", "Admission", "TLS") describe what each one does.
 */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { errorMessage } from '../../../shared/protocol/errors.js';
import { userIdSchema } from '../../../shared/protocol/hub.js';
import {
  DEFAULT_LOGIN_TIMEOUT_MS,
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_MAX_CONNECTIONS_PER_USER,
  DEFAULT_MAX_PENDING_LOGINS,
  DEFAULT_MAX_PENDING_PER_ADDRESS,
  DEFAULT_PENDING_BYTES_PER_SECOND,
} from './admission.js';
import { DEFAULT_MAX_OPEN_INVITATIONS, DEFAULT_REQUEST_BURST, DEFAULT_REQUESTS_PER_SECOND } from './limits.js';
import { DEFAULT_RECONNECT_GRACE_MS } from './core.js';
import { DEFAULT_DECLINE_COOLDOWN_MS, DEFAULT_MAX_RINGING_PER_CALLEE } from './lineFilling.js';
import type { HubOptions } from './server.js';
import { parseArgs } from '../builtins.js';
import { refuseRepeatedFlags } from '../repeatedFlags.js';

export const DEFAULT_TOKEN_DAYS = 30;
/** The login deadline is a timer: past 2³¹−1 ms Node fires it at once, closing every connection. */
const MAX_TIMER_S = { value: Math.floor((2 ** 31 - 1) / 1000), why: 'about 24 days, the longest a timer waits' };
export const MAX_TOKEN_DAYS = 3650;

export const HUB_USAGE = [
  'usage: npm run hub -- [--port N] [--host H] [limit flags] [admission flags] [--tls-cert F --tls-key F] [--open-join] [--leave-with-device]',
  '  --port N                      0, the default, picks a free port',
  '  --host H                      default 127.0.0.1',
  `  --requests-per-second R       requests a connection may send per second, sustained; 0 = no limit (default ${DEFAULT_REQUESTS_PER_SECOND})`,
  `  --request-burst B             requests a connection may send at once (default ${DEFAULT_REQUEST_BURST})`,
  `  --max-open-invitations K      calls a user may have ringing at once (default ${DEFAULT_MAX_OPEN_INVITATIONS})`,
  "  --open-join                   ZIM's callJoin rule: anyone who knows an advanced call's ID may join it (default: members only)",
  "  --report-unknown-users        ZIM's 6000281 for invitees who never signed in (default: they ring like offline users)",
  "  --leave-with-device           a device that goes away leaves the calls it was in, even while its user is signed in elsewhere (default: ZIM's rule, only the user's last device)",
  `  --max-ringing-per-callee N    invitations one caller may have ringing at one callee; 0 = no limit (default ${DEFAULT_MAX_RINGING_PER_CALLEE})`,
  `  --decline-cooldown S          seconds a declined caller waits before inviting that callee again, doubling per decline; 0 = off (default ${DEFAULT_DECLINE_COOLDOWN_MS / 1000})`,
  `  --reconnect-grace S           seconds a user whose connection failed stays in a call under way, for their softphone to reconnect; 0 = they leave at once (default ${DEFAULT_RECONNECT_GRACE_MS / 1000})`,
  `  --max-connections N           connections at once, signed in or not (default ${DEFAULT_MAX_CONNECTIONS})`,
  `  --max-connections-per-user N  connections signed in as one user at once; 0 = no limit (default ${DEFAULT_MAX_CONNECTIONS_PER_USER})`,
  `  --max-pending-logins N        connections not signed in at once (default ${DEFAULT_MAX_PENDING_LOGINS})`,
  `  --max-pending-per-address N   connections not signed in at once from one address (default ${DEFAULT_MAX_PENDING_PER_ADDRESS})`,
  `  --login-timeout S             seconds a connection may stay without signing in (default ${DEFAULT_LOGIN_TIMEOUT_MS / 1000})`,
  `  --pending-bytes-per-second B  bytes a second all connections not signed in may send together; 0 = no limit (default ${DEFAULT_PENDING_BYTES_PER_SECOND})`,
  '  --allow-origin ORIGIN         serve WebSocket upgrades from this browser origin (repeatable; default: none)',
  '  --tls-cert FILE --tls-key FILE  serve wss:// with this PEM certificate (chain) and key',
  '',
  'usage: npm run hub -- --mint-token USER [--token-days D]',
  `  prints a login token for USER alone, signed with this hub's secret, valid D days (default ${DEFAULT_TOKEN_DAYS}, at most ${MAX_TOKEN_DAYS}):`,
  "  give it to that user's softphone as SWITCHBOARD_HUB_TOKEN instead of the secret",
].join('\n');


/** `--mint-token USER [--token-days D]`: what to print instead of serving. */
export interface MintRequest {
  userID: string;
  days: number;
}

export type HubFlags = Omit<HubOptions, 'secret' | 'now' | 'log'> & { host: string; port: number };

const NUMBER_FLAGS = [
  'requests-per-second',
  'request-burst',
  'max-open-invitations',
  'max-connections',
  'max-connections-per-user',
  'max-pending-logins',
  'max-pending-per-address',
  'login-timeout',
  'pending-bytes-per-second',
  'max-ringing-per-callee',
  'decline-cooldown',
  'reconnect-grace',
] as const;
type NumberFlag = (typeof NUMBER_FLAGS)[number];

/**
 * "--port -1" reads to parseArgs as a flag followed by another flag "-1", and it says the
 * argument is ambiguous; joined ("--port=-1"), the value gets the flag's own range message.
 */
function joinNegativeValues(argv: string[]): string[] {
  const joined: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const next = argv[index + 1];
    if (arg.startsWith('--') && !arg.includes('=') && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      index++;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

/** Throws an Error naming the offending flag. */
export function parseHubFlags(argv: string[]): HubFlags | MintRequest | 'help' {
  let values: Partial<Record<NumberFlag | 'port' | 'host' | 'tls-cert' | 'tls-key' | 'mint-token' | 'token-days', string>> & {
    help?: boolean;
    'open-join'?: boolean;
    'report-unknown-users'?: boolean;
    'leave-with-device'?: boolean;
    'allow-origin'?: string[];
  };
  let positionals: string[];
  try {
    let tokens;
    ({ values, positionals, tokens } = parseArgs({
      args: joinNegativeValues(argv),
      tokens: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        help: { type: 'boolean' },
        'open-join': { type: 'boolean' },
        'report-unknown-users': { type: 'boolean' },
        'leave-with-device': { type: 'boolean' },
        'allow-origin': { type: 'string', multiple: true },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'mint-token': { type: 'string' },
        'token-days': { type: 'string' },
        ...Object.fromEntries(NUMBER_FLAGS.map((flag) => [flag, { type: 'string' as const }])),
      },
      strict: true,
      allowPositionals: true,
    }));
    refuseRepeatedFlags(tokens.filter((token) => token.kind === 'option'), ['allow-origin']);
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    const flag = /'(-[^' ]+)/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) throw new Error(`unknown flag ${flag}`);
    throw new Error(message);
  }
  if (values.help) return 'help';
  const first = positionals[0];
  if (first !== undefined) throw new Error(`unexpected argument "${first}"`);
  if (values['mint-token'] !== undefined) {
    // It prints a token and exits: a serving flag beside it would be dropped without a word.
    const serving = Object.keys(values).find((name) => name !== 'mint-token' && name !== 'token-days');
    if (serving !== undefined) throw new Error(`--${serving} does not go with --mint-token, which prints a token and serves nothing`);
    return mintRequest(values['mint-token'], values['token-days']);
  }
  if (values['token-days'] !== undefined) throw new Error('--token-days goes with --mint-token USER');
  const port = values.port ?? '0';
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65_535) {
    throw new Error(`--port "${port}": expected a whole number from 0 to 65535`);
  }
  // "[::1]", as an IPv6 address is written in a URL, is the host ::1 (getaddrinfo knows no brackets).
  const host = (values.host ?? '127.0.0.1').replace(/^\[(.*)\]$/, '$1');
  if (host === '' || /\s/.test(host)) throw new Error(`--host "${host}": expected a host name or IP address`);
  const whole = (flag: NumberFlag, min: number, fallback: number, max?: { value: number; why: string }): number => {
    const text = values[flag];
    if (text === undefined) return fallback;
    const value = Number(text);
    if (/^\d{1,9}$/.test(text) && value >= min && (max === undefined || value <= max.value)) return value;
    throw new Error(`--${flag} "${text}": expected a whole number ${max ? `from ${min} to ${max.value} (${max.why})` : `of at least ${min}`}`);
  };
  return {
    host,
    port: Number(port),
    requestsPerSecond: whole('requests-per-second', 0, DEFAULT_REQUESTS_PER_SECOND),
    requestBurst: whole('request-burst', 1, DEFAULT_REQUEST_BURST),
    maxOpenInvitations: whole('max-open-invitations', 1, DEFAULT_MAX_OPEN_INVITATIONS),
    openJoin: values['open-join'] ?? false,
    reportUnknownUsers: values['report-unknown-users'] ?? false,
    leaveWithDevice: values['leave-with-device'] ?? false,
    maxRingingPerCallee: whole('max-ringing-per-callee', 0, DEFAULT_MAX_RINGING_PER_CALLEE),
    declineCooldownMs: whole('decline-cooldown', 0, DEFAULT_DECLINE_COOLDOWN_MS / 1000) * 1000,
    reconnectGraceMs: whole('reconnect-grace', 0, DEFAULT_RECONNECT_GRACE_MS / 1000, MAX_TIMER_S) * 1000,
    admission: {
      maxConnections: whole('max-connections', 1, DEFAULT_MAX_CONNECTIONS),
      maxPendingLogins: whole('max-pending-logins', 1, DEFAULT_MAX_PENDING_LOGINS),
      maxPendingPerAddress: whole('max-pending-per-address', 1, DEFAULT_MAX_PENDING_PER_ADDRESS),
      loginTimeoutMs: whole('login-timeout', 1, DEFAULT_LOGIN_TIMEOUT_MS / 1000, MAX_TIMER_S) * 1000,
      pendingBytesPerSecond: whole('pending-bytes-per-second', 0, DEFAULT_PENDING_BYTES_PER_SECOND),
      maxConnectionsPerUser: whole('max-connections-per-user', 0, DEFAULT_MAX_CONNECTIONS_PER_USER),
    },
    allowedOrigins: (values['allow-origin'] ?? []).map(checkOrigin),
    tls: tlsFiles(values['tls-cert'], values['tls-key']),
  };
}

function mintRequest(userID: string, daysText = String(DEFAULT_TOKEN_DAYS)): MintRequest {
  const user = userIdSchema.safeParse(userID);
  if (!user.success) throw new Error(`--mint-token "${userID}": ${user.error.issues[0]?.message ?? 'not a user ID'}`);
  const days = Number(daysText);
  if (!/^\d{1,4}$/.test(daysText) || days < 1 || days > MAX_TOKEN_DAYS) {
    throw new Error(`--token-days "${daysText}": expected a whole number from 1 to ${MAX_TOKEN_DAYS}`);
  }
  return { userID: user.data, days };
}

/** An origin as browsers send it: scheme://host[:port], nothing after. */
function checkOrigin(origin: string): string {
  let parsed: URL | null = null;
  try {
    parsed = new URL(origin);
  } catch {
    // named below
  }
  if (!parsed || parsed.origin !== origin) {
    throw new Error(`--allow-origin "${origin}": expected an origin such as https://phones.example.org (scheme, host and port only)`);
  }
  return origin;
}

function tlsFiles(certFile: string | undefined, keyFile: string | undefined): HubFlags['tls'] {
  if (certFile === undefined && keyFile === undefined) return undefined;
  if (certFile === undefined || keyFile === undefined) throw new Error('--tls-cert and --tls-key go together: give both files');
  const read = (flag: string, file: string): Buffer => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new Error(`${flag} "${file}": ${errorMessage(error)}`);
    }
  };
  const cert = read('--tls-cert', certFile);
  const key = read('--tls-key', keyFile);
  // Checked here, so that a swapped pair or a DER file is named, not left to OpenSSL's own words.
  let certificate: X509Certificate;
  try {
    if (!cert.includes('-----BEGIN CERTIFICATE-----')) throw new Error('no PEM certificate in it');
    certificate = new X509Certificate(cert);
  } catch (error) {
    throw new Error(`--tls-cert "${certFile}": expected a PEM certificate (-----BEGIN CERTIFICATE-----): ${errorMessage(error)}`);
  }
  let privateKey: KeyObject;
  try {
    if (!key.includes('PRIVATE KEY-----')) throw new Error('no PEM private key in it');
    privateKey = createPrivateKey(key);
  } catch (error) {
    throw new Error(`--tls-key "${keyFile}": expected a PEM private key (-----BEGIN PRIVATE KEY-----): ${errorMessage(error)}`);
  }
  if (!certificate.checkPrivateKey(privateKey)) throw new Error(`--tls-key "${keyFile}" is not the key of the certificate in --tls-cert "${certFile}"`);
  return { cert, key };
}
