/**
 * How a softphone trusts a wss:// hub on a LAN, whose certificate no public authority signed:
 * either a CA (or the hub's own self-signed certificate) given as a PEM file, checked with the
 * host name as usual, or the SHA-256 fingerprint of the hub's certificate, pinned (the chain is
 * then not checked, the fingerprint is). Over ws://, a token sent to another machine crosses the
 * network in clear text, so the client says so in its log.
 */
import { readFileSync } from 'node:fs';
import type { ClientRequestArgs } from 'node:http';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import type { ClientOptions } from 'ws';
import { errorMessage } from '../../../shared/protocol/errors.js';

export interface HubTrust {
  /** PEM of the CA that signed the hub's certificate, or of the certificate itself. */
  ca?: string;
  /** The hub certificate's SHA-256 fingerprint, as 64 hex digits with or without colons. */
  fingerprint?: string;
}

export const HUB_CA_ENV = 'SWITCHBOARD_HUB_CA';
export const HUB_FINGERPRINT_ENV = 'SWITCHBOARD_HUB_FINGERPRINT';

/**
 * The trust from `--hub-ca FILE` / `--hub-fingerprint HEX` (`flags`), else from the variables
 * SWITCHBOARD_HUB_CA / SWITCHBOARD_HUB_FINGERPRINT; errors name the flag or variable.
 */
export function resolveHubTrust(flags: { ca?: string; fingerprint?: string }, env: NodeJS.ProcessEnv): HubTrust | undefined {
  const caFile = flags.ca ?? (env[HUB_CA_ENV] || undefined);
  const fingerprint = flags.fingerprint ?? (env[HUB_FINGERPRINT_ENV] || undefined);
  const caName = flags.ca !== undefined ? '--hub-ca' : HUB_CA_ENV;
  const fingerprintName = flags.fingerprint !== undefined ? '--hub-fingerprint' : HUB_FINGERPRINT_ENV;
  if (caFile === undefined && fingerprint === undefined) return undefined;
  const trust: HubTrust = {};
  if (caFile !== undefined) {
    try {
      trust.ca = readFileSync(caFile, 'utf8');
    } catch (error) {
      throw new Error(`${caName} "${caFile}": ${errorMessage(error)}`);
    }
  }
  if (fingerprint !== undefined) trust.fingerprint = parseFingerprint(fingerprint, fingerprintName);
  return trust;
}

/** The fingerprint as Node writes it (AB:CD:…), or an error naming the flag. */
export function parseFingerprint(text: string, name = '--hub-fingerprint'): string {
  const hex = text.replace(/:/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) {
    throw new Error(`${name} "${text}": expected the SHA-256 fingerprint of the hub's certificate, 64 hex digits (colons allowed)`);
  }
  return hex.match(/../g)!.join(':');
}

/** Socket options for the trust given. */
export function trustOptions(trust: HubTrust | undefined): Pick<ClientOptions & ClientRequestArgs, 'ca' | 'rejectUnauthorized'> {
  if (trust?.fingerprint) return { rejectUnauthorized: false };
  if (trust?.ca) return { ca: trust.ca };
  return {};
}

/** Why the hub's certificate does not match the pinned fingerprint, or null when it does (or none is pinned). */
export function pinMismatch(trust: HubTrust | undefined, socket: Socket): string | null {
  if (!trust?.fingerprint) return null;
  const certificate = socket instanceof TLSSocket ? socket.getPeerCertificate() : null;
  const seen = certificate?.fingerprint256;
  if (seen === trust.fingerprint) return null;
  return `the hub's certificate has the fingerprint ${seen ?? '(none: not a TLS connection)'}, not the pinned ${trust.fingerprint}`;
}

/** Whether a URL's host is this machine, where ws:// exposes nothing. */
export function isLoopback(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The log line for a token about to go over ws:// to another machine, or null. */
export function cleartextWarning(url: string): string | null {
  if (!url.startsWith('ws:') || isLoopback(url)) return null;
  return `warning: the hub ${url} is not on this machine and the connection is not encrypted: the login token crosses the network in clear text and works for 24 h; use wss:// (npm run hub -- --tls-cert F --tls-key F)`;
}
