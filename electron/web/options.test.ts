import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWebOptions } from './options.js';

/** A certificate and its key, made by openssl in a directory of their own. */
function selfSignedCertificate(): { cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'web-options-'));
  const files = { cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem') };
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-keyout', files.key, '-out', files.cert,
  ], { stdio: 'ignore' });
  return files;
}

describe('npm run web flags', () => {
  it('reads every flag', () => {
    expect(
      parseWebOptions(['--user', 'bob', '--hub', 'ws://127.0.0.1:4000', '--port', '8080', '--keep-key', '--incoming-limit', '2', '--outgoing-limit', '3', '--call-timeout', '30']),
    ).toEqual({ user: 'bob', hub: 'ws://127.0.0.1:4000', port: 8080, keepKey: true, incomingLimit: 2, outgoingLimit: 3, callTimeout: 30 });
    expect(parseWebOptions(['--user', 'bob']).keepKey).toBe(false);
    expect(parseWebOptions(['--user', 'bob', '--history-limit', '500']).historyLimit).toBe(500);
    expect(() => parseWebOptions(['--user', 'bob', '--history-limit', 'lots'])).toThrow('--history-limit must be a whole number, not "lots"');
  });

  it('names the flag at fault', () => {
    expect(() => parseWebOptions([])).toThrow(/^--user is required/);
    expect(() => parseWebOptions(['--user', 'bob smith'])).toThrow(/^--user "bob smith": a userID is/);
    expect(() => parseWebOptions(['--user', 'bob', '--incoming-limit', 'two'])).toThrow('--incoming-limit must be a whole number, not "two"');
    expect(() => parseWebOptions(['--user', 'bob', '--port', '70000'])).toThrow('--port must be from 0 to 65535, not 70000');
    // The softphone's own ranges, checked where the flags are read.
    expect(() => parseWebOptions(['--user', 'bob', '--outgoing-limit', '0'])).toThrow('--outgoing-limit must be from 1 to 20, not 0');
    expect(() => parseWebOptions(['--user', 'bob', '--call-timeout', '601'])).toThrow('--call-timeout must be from 1 to 600, not 601');
    expect(() => parseWebOptions(['--user', 'bob', '--history-limit', '0'])).toThrow('--history-limit must be from 1 to 1000000, not 0');
    expect(() => parseWebOptions(['--user', 'bob', '--colour', 'red'])).toThrow(/Unknown option '--colour'/);
  });

  it('reads how to trust a wss:// hub, naming a bad fingerprint or an unreadable CA file', () => {
    const hex = 'ab'.repeat(32);
    expect(parseWebOptions(['--user', 'bob', '--hub', 'wss://10.0.0.5:4780', '--hub-fingerprint', hex]).hubTrust).toEqual({
      fingerprint: Array.from({ length: 32 }, () => 'AB').join(':'),
    });
    expect(() => parseWebOptions(['--user', 'bob', '--hub-fingerprint', 'abc'])).toThrow(/^--hub-fingerprint "abc": expected the SHA-256 fingerprint/);
    expect(() => parseWebOptions(['--user', 'bob', '--hub-ca', '/nonexistent/ca.pem'])).toThrow(/^--hub-ca "\/nonexistent\/ca.pem": ENOENT/);
    expect(() => parseWebOptions(['--user', 'bob'], { SWITCHBOARD_HUB_FINGERPRINT: 'zz' })).toThrow(/^SWITCHBOARD_HUB_FINGERPRINT "zz"/);
  });

  it('names --hub when its URL is malformed, before anything starts', () => {
    expect(() => parseWebOptions(['--user', 'bob', '--hub', 'http://127.0.0.1:4000'])).toThrow('--hub "http://127.0.0.1:4000": it must start with ws:// or wss://');
    expect(() => parseWebOptions(['--user', 'bob', '--hub', '127.0.0.1:4000'])).toThrow('--hub "127.0.0.1:4000": expected ws://host:port or wss://host:port');
    expect(() => parseWebOptions(['--user', 'bob', '--hub='])).toThrow('--hub "": expected ws://host:port or wss://host:port');
  });

  it('refuses --hub-ca and --hub-fingerprint where there is no wss:// hub for them: a ws:// one, or the in-process hub', () => {
    const ca = selfSignedCertificate().cert;
    const hex = 'ab'.repeat(32);
    expect(() => parseWebOptions(['--user', 'bob', '--hub', 'ws://10.0.0.5:4780', '--hub-ca', ca])).toThrow(
      '--hub-ca is for a wss:// hub, and --hub "ws://10.0.0.5:4780" is not one',
    );
    expect(() => parseWebOptions(['--user', 'bob', '--hub-fingerprint', hex])).toThrow(/^--hub-fingerprint is for a wss:\/\/ hub: name one with --hub/);
    expect(parseWebOptions(['--user', 'bob', '--hub', 'WSS://10.0.0.5:4780', '--hub-ca', ca]).hubTrust?.ca).toContain('BEGIN CERTIFICATE');
  });

  it('refuses a flag given twice with different values: the last is not taken without a word', () => {
    expect(() => parseWebOptions(['--user', 'alice', '--user', 'bob'])).toThrow('--user is given twice ("alice", then "bob"): give it once');
    expect(() => parseWebOptions(['--user', 'bob', '--hub', 'ws://127.0.0.1:4000', '--hub=ws://127.0.0.1:4001'])).toThrow('--hub is given twice');
    expect(parseWebOptions(['--user', 'bob', '--user', 'bob', '--keep-key', '--keep-key'])).toMatchObject({ user: 'bob', keepKey: true });
  });

  it('refuses a CA file that holds no PEM certificate, naming the flag or variable, rather than fail at sign-in with "self-signed certificate"', () => {
    const { key } = selfSignedCertificate();
    const text = join(mkdtempSync(join(tmpdir(), 'web-options-')), 'notes.txt');
    writeFileSync(text, 'the hub is at 10.0.0.5\n');
    const hub = ['--hub', 'wss://10.0.0.5:4780'];
    expect(() => parseWebOptions(['--user', 'bob', ...hub, '--hub-ca', key])).toThrow(`--hub-ca "${key}": expected the PEM certificate of the hub's CA, or the hub's own`);
    expect(() => parseWebOptions(['--user', 'bob', ...hub, '--hub-ca', text])).toThrow(`--hub-ca "${text}": expected the PEM certificate`);
    expect(() => parseWebOptions(['--user', 'bob', ...hub], { SWITCHBOARD_HUB_CA: text })).toThrow(`SWITCHBOARD_HUB_CA "${text}": expected the PEM certificate`);
  });

  it('refuses --zim-app-id and --zim-token-url when the ZIM backend is not chosen, rather than run on the hub without a word', () => {
    const zim = ['--zim-app-id', '123', '--zim-token-url', 'https://tokens.example.com/zim'];
    expect(() => parseWebOptions(['--user', 'bob', ...zim])).toThrow('--zim-app-id goes with --backend zim (or SWITCHBOARD_BACKEND=zim): without it, Switchboard uses a hub');
    expect(() => parseWebOptions(['--user', 'bob', '--backend', 'hub', '--zim-token-url', 'https://tokens.example.com/zim'])).toThrow('--zim-token-url goes with --backend zim');
    expect(parseWebOptions(['--user', 'bob', ...zim], { SWITCHBOARD_BACKEND: 'zim' }).zim).toEqual({ appID: 123, tokenUrl: 'https://tokens.example.com/zim' });
  });

  it('refuses a CA and a pinned fingerprint at once, naming where each came from: the pin won and the CA was dropped without a word', () => {
    const { cert } = selfSignedCertificate();
    const hub = ['--hub', 'wss://10.0.0.5:4780'];
    const hex = 'ab'.repeat(32);
    expect(() => parseWebOptions(['--user', 'bob', ...hub, '--hub-ca', cert, '--hub-fingerprint', hex])).toThrow(
      '--hub-ca and --hub-fingerprint say two ways to trust the hub: give one (a pinned fingerprint would leave the CA unused)',
    );
    expect(() => parseWebOptions(['--user', 'bob', ...hub, '--hub-ca', cert], { SWITCHBOARD_HUB_FINGERPRINT: hex })).toThrow(
      '--hub-ca and SWITCHBOARD_HUB_FINGERPRINT say two ways to trust the hub: give one',
    );
  });
});
