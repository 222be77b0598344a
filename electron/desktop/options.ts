/**
 * Command-line flags of the desktop app, the same as browser mode's (`npm run web`) except that
 * --user is optional (without it the last user, or the sign-in screen) and --profile, which gives
 * each person sharing a machine their own settings and their own running instance.
 */
import { join } from 'node:path';
import { userIdSchema } from '../../shared/protocol/hub.js';
import type { Settings } from '../core/settings/schema.js';
import type { HubTrust } from '../core/signaling/hubTls.js';
import { chosenBackend, resolveZim, type BackendChoice, type ZimConfig } from '../core/signaling/zim/config.js';
import { refuseRepeatedFlags } from '../core/repeatedFlags.js';
import { checkedHubTrust, checkedHubUrl, checkTrustFlags, checkZimFlags, softphoneNumbers, type SoftphoneNumbers } from '../core/softphoneFlags.js';

export const HUB_URL_ENV = 'SWITCHBOARD_HUB_URL';

export interface DesktopOptions extends SoftphoneNumbers {
  user?: string;
  profile?: string;
  /** From --hub, else SWITCHBOARD_HUB_URL; absent → the app starts its own in-process hub. */
  hub?: string;
  /** --hub-ca / --hub-fingerprint (or their variables): how to trust a wss:// hub. */
  hubTrust?: HubTrust;
  /** --hub-ca / --hub-fingerprint as given, when one is: backendFor checks that a wss:// hub is there for them. */
  trustFlags?: { 'hub-ca'?: string; 'hub-fingerprint'?: string };
  /** --backend, --hub or SWITCHBOARD_BACKEND, when one names a backend: it overrides the settings file. */
  backend?: 'hub' | 'zim';
  /** From --backend zim (or SWITCHBOARD_BACKEND=zim) with the AppID and token endpoint. */
  zim?: ZimConfig;
  /** For the user, when there are any: flags of ours misspelt, which this run goes on without. */
  warnings?: string[];
}

export const DESKTOP_USAGE = `usage: npm start -- [--user NAME] [--profile NAME] [--hub ws://HOST:PORT | wss://HOST:PORT] [--hub-ca FILE] [--hub-fingerprint HEX]
                 [--incoming-limit K] [--outgoing-limit M] [--call-timeout S] [--history-limit N]
                 [--backend hub|zim] [--zim-app-id ID] [--zim-token-url URL]`;

const FLAGS = [
  'user', 'profile', 'hub', 'hub-ca', 'hub-fingerprint', 'incoming-limit', 'outgoing-limit', 'call-timeout', 'history-limit', 'backend', 'zim-app-id', 'zim-token-url',
] as const;
/** Flags of `npm run web` that the desktop app has no use for: told, not taken for Chromium's. */
const BROWSER_MODE_FLAGS = ['port', 'keep-key'] as const;
/** A directory name on every platform, and never "." or "..". */
const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;
type Flag = (typeof FLAGS)[number];
const isFlag = (name: string): name is Flag => (FLAGS as readonly string[]).includes(name);

/**
 * Reads our flags out of the app's arguments. Anything else is left alone rather than refused:
 * Chromium's and Electron's own switches (--no-sandbox, --enable-logging, --inspect…) arrive
 * in the same argv. Numbers, the hub URL and the hub's certificate are checked here, as in
 * browser mode.
 */
export function parseDesktopOptions(argv: readonly string[], env: NodeJS.ProcessEnv): DesktopOptions {
  const seen = readFlags(argv);
  refuseRepeatedFlags(seen);
  const values = new Map(seen.map(({ name, value }) => [name, value]));
  const user = values.get('user');
  if (user !== undefined) {
    const parsed = userIdSchema.safeParse(user);
    if (!parsed.success) throw new Error(`--user "${user}": ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  const profile = values.get('profile');
  if (profile !== undefined && !PROFILE_NAME.test(profile)) {
    throw new Error(`--profile "${profile}": a profile name is 1 to 32 letters, digits, _ or -, starting with a letter or digit`);
  }
  const choice: BackendChoice = {
    backend: values.get('backend'), hub: values.get('hub'), appID: values.get('zim-app-id'), tokenUrl: values.get('zim-token-url'),
  };
  const hubFlag = values.get('hub');
  const hubWhere = hubFlag !== undefined ? '--hub' : HUB_URL_ENV;
  const hub = checkedHubUrl(hubFlag ?? (env[HUB_URL_ENV] || undefined), hubWhere);
  const flags = Object.fromEntries(values);
  const hubTrust = checkedHubTrust(flags, env);
  // Without a hub here, settings.json may name a wss:// one: the flags are for it.
  if (hub !== undefined) checkTrustFlags(flags, hub, hubWhere);
  const trustFlags = values.has('hub-ca') || values.has('hub-fingerprint') ? { 'hub-ca': flags['hub-ca'], 'hub-fingerprint': flags['hub-fingerprint'] } : undefined;
  const backend = chosenBackend(choice, env);
  const zim = resolveZim(choice, env);
  checkZimFlags(flags, zim !== null);
  const warnings = strayFlags(argv);
  return {
    ...(warnings.length > 0 ? { warnings } : {}),
    user,
    profile,
    hub,
    ...softphoneNumbers((name) => values.get(name)),
    hubTrust,
    trustFlags,
    backend,
    zim: zim ?? undefined,
  };
}

/** Our flags in `argv`, in order, each with its value; Chromium's and Electron's switches are skipped. */
function readFlags(argv: readonly string[]): Array<{ name: Flag; value: string }> {
  const seen: Array<{ name: Flag; value: string }> = [];
  for (let index = 0; index < argv.length; index++) {
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(argv[index] ?? '');
    const name = match?.[1];
    if (name === undefined || !isFlag(name)) continue;
    const value = match?.[2] ?? argv[++index];
    if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value\n${DESKTOP_USAGE}`);
    seen.push({ name, value });
  }
  return seen;
}

/**
 * Browser mode's flags, and unknown flags within two edits of one of ours (--incomming-limit):
 * not refused, since Chromium's and Electron's switches share the argv and one could be that
 * close, but told, since the run goes on without what was meant. Our flags of four letters or
 * fewer are not matched so: too many switches are that close to them.
 */
function strayFlags(argv: readonly string[]): string[] {
  const warnings: string[] = [];
  for (const arg of argv) {
    const name = /^--([a-z][a-z-]*)(?:=|$)/.exec(arg)?.[1];
    if (name === undefined || isFlag(name)) continue;
    if ((BROWSER_MODE_FLAGS as readonly string[]).includes(name)) {
      warnings.push(`--${name} is a flag of npm run web (browser mode) only, and this run goes on without it`);
      continue;
    }
    const meant = FLAGS.find((flag) => flag.length > 4 && editDistance(name, flag) <= 2);
    if (meant !== undefined) warnings.push(`--${name} is not a flag of Switchboard's, and this run goes on without it: did you mean --${meant}?`);
  }
  return warnings;
}

/** Levenshtein distance: the fewest one-character insertions, deletions or changes from `a` to `b`. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * What the running app tells the user when it is started again with flags of ours (`argv`, the
 * second start's command line): they cannot change a run under way, and the second start only
 * brings this window forward. Null when there were none.
 */
export function secondStartNotice(argv: readonly string[]): string | null {
  let given: string;
  try {
    given = readFlags(argv).map(({ name, value }) => `--${name} ${value}`).join(' ');
  } catch {
    // A flag without its value: its name says enough.
    given = argv.map((arg) => /^--([a-z-]+)$/.exec(arg)?.[1]).filter((name) => name !== undefined && isFlag(name)).map((name) => `--${name}`).join(' ');
  }
  if (given === '') return null;
  return `Switchboard was started again with ${given}, while it was running: it goes on as it was. To use them, quit Switchboard and start it with them, or run another instance beside this one with --profile NAME.`;
}

/**
 * Where this run signals: a backend or hub named by a flag or the environment, else the settings
 * file's ZIM configuration, else its hub URL; neither means an in-process hub.
 */
export function backendFor(options: DesktopOptions, settings: Pick<Settings, 'hubUrl' | 'zim'>): { hubUrl?: string; zim?: ZimConfig } {
  if (options.zim) return { zim: options.zim };
  // Checked against a hub named by a flag or variable as the flags were read.
  if (options.hub !== undefined) return { hubUrl: options.hub };
  const backend = options.backend === undefined && settings.zim ? { zim: settings.zim } : { hubUrl: settings.hubUrl ?? undefined };
  // The hub --hub-ca or --hub-fingerprint is for may be settings.json's: it must be a wss:// one.
  if (options.trustFlags) checkTrustFlags(options.trustFlags, backend.hubUrl, backend.hubUrl === undefined ? '--hub' : "settings.json's hubUrl");
  return backend;
}

/** A profile's own data directory: settings, Chromium's storage and the single-instance lock. */
export function profileDataDir(baseDir: string, profile: string | undefined): string {
  return profile === undefined ? baseDir : join(baseDir, 'profiles', profile);
}
