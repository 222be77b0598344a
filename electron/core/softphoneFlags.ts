/**
 * The softphone's flags that `npm run web` and the desktop app read alike, checked where they are
 * read, so that an error names the flag (or variable) at fault rather than a value met later.
 */
import { X509Certificate } from 'node:crypto';
import { HISTORY_RETENTION_MAX, LIMIT_MAX, LIMIT_MIN } from '../../shared/ipc/constants.js';
import { errorMessage } from '../../shared/protocol/errors.js';
import { MAX_CALL_TIMEOUT_S } from '../../shared/protocol/hub.js';
import { parseHubUrl } from './signaling/hubClient.js';
import { HUB_CA_ENV, HUB_FINGERPRINT_ENV, resolveHubTrust, type HubTrust } from './signaling/hubTls.js';
import { BACKEND_ENV } from './signaling/zim/config.js';
import { wholeNumber } from './wholeNumber.js';

export interface SoftphoneNumbers {
  incomingLimit?: number;
  outgoingLimit?: number;
  callTimeout?: number;
  /** --history-limit: history entries kept. */
  historyLimit?: number;
}

export type SoftphoneNumberFlag = 'incoming-limit' | 'outgoing-limit' | 'call-timeout' | 'history-limit';

/** @param flag the text given for a flag, or undefined */
export function softphoneNumbers(flag: (name: SoftphoneNumberFlag) => string | undefined): SoftphoneNumbers {
  return {
    incomingLimit: wholeNumber('--incoming-limit', flag('incoming-limit'), LIMIT_MIN, LIMIT_MAX),
    outgoingLimit: wholeNumber('--outgoing-limit', flag('outgoing-limit'), LIMIT_MIN, LIMIT_MAX),
    callTimeout: wholeNumber('--call-timeout', flag('call-timeout'), 1, MAX_CALL_TIMEOUT_S),
    historyLimit: wholeNumber('--history-limit', flag('history-limit'), 1, HISTORY_RETENTION_MAX),
  };
}

/**
 * The hub URL as given, or an error naming where it was given (`--hub`, SWITCHBOARD_HUB_URL):
 * a user who set the variable long ago would not know where "malformed hub URL" came from.
 */
export function checkedHubUrl(url: string | undefined, where: string): string | undefined {
  if (url === undefined) return undefined;
  try {
    parseHubUrl(url);
  } catch (error) {
    const message = errorMessage(error);
    const prefix = `malformed hub URL "${url}": `;
    throw new Error(`${where} "${url}": ${message.startsWith(prefix) ? message.slice(prefix.length) : message}`);
  }
  return url;
}

/**
 * --hub-ca and --hub-fingerprint say how to trust a wss:// hub's certificate. Given with a ws://
 * hub, or with none (the in-process hub serves ws://), there is no certificate: a CA would be
 * skipped without a word, the connection in clear text, and a pin would refuse every sign-in.
 * @param hub the hub named by a flag or variable; undefined when none is
 */
export function checkTrustFlags(flags: { 'hub-ca'?: string; 'hub-fingerprint'?: string }, hub: string | undefined, hubWhere: string): void {
  const given = (['hub-ca', 'hub-fingerprint'] as const).find((name) => flags[name] !== undefined);
  if (given === undefined) return;
  if (hub === undefined) {
    throw new Error(`--${given} is for a wss:// hub: name one with ${hubWhere} (the in-process hub serves ws://, without a certificate)`);
  }
  if (new URL(hub).protocol !== 'wss:') throw new Error(`--${given} is for a wss:// hub, and ${hubWhere} "${hub}" is not one: its connection has no certificate`);
}

/**
 * How to trust a wss:// hub (resolveHubTrust): a CA or a pinned fingerprint, not both (the pin
 * would win, the CA go unused), and the CA file checked to hold a PEM certificate: one that holds
 * none (a key, a DER file, the wrong file) otherwise showed only at sign-in, as "self-signed
 * certificate", with nothing to say the file was at fault.
 */
export function checkedHubTrust(flags: { 'hub-ca'?: string; 'hub-fingerprint'?: string }, env: NodeJS.ProcessEnv): HubTrust | undefined {
  const trust = resolveHubTrust({ ca: flags['hub-ca'], fingerprint: flags['hub-fingerprint'] }, env);
  if (trust?.ca === undefined) return trust;
  if (trust.fingerprint !== undefined) {
    const ca = flags['hub-ca'] !== undefined ? '--hub-ca' : HUB_CA_ENV;
    const fingerprint = flags['hub-fingerprint'] !== undefined ? '--hub-fingerprint' : HUB_FINGERPRINT_ENV;
    throw new Error(`${ca} and ${fingerprint} say two ways to trust the hub: give one (a pinned fingerprint would leave the CA unused)`);
  }
  try {
    if (!trust.ca.includes('-----BEGIN CERTIFICATE-----')) throw new Error('no PEM certificate in it');
    new X509Certificate(trust.ca);
  } catch (error) {
    const where = flags['hub-ca'] !== undefined ? `--hub-ca "${flags['hub-ca']}"` : `${HUB_CA_ENV} "${env[HUB_CA_ENV]}"`;
    throw new Error(`${where}: expected the PEM certificate of the hub's CA, or the hub's own (-----BEGIN CERTIFICATE-----): ${errorMessage(error)}`);
  }
  return trust;
}

/**
 * --zim-app-id and --zim-token-url configure the ZIM backend only. Given without it (a forgotten
 * --backend zim), they were dropped and the softphone ran on a hub, looking as if it were on ZIM.
 * @param zimChosen whether --backend zim or SWITCHBOARD_BACKEND=zim chose ZIM
 */
export function checkZimFlags(flags: { 'zim-app-id'?: string; 'zim-token-url'?: string }, zimChosen: boolean): void {
  if (zimChosen) return;
  const given = (['zim-app-id', 'zim-token-url'] as const).find((name) => flags[name] !== undefined);
  if (given !== undefined) throw new Error(`--${given} goes with --backend zim (or ${BACKEND_ENV}=zim): without it, Switchboard uses a hub`);
}
