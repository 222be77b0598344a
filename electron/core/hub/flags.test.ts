import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_CONNECTIONS_PER_USER } from './admission.js';
import { parseHubFlags } from './flags.js';

describe('parseHubFlags', () => {
  it('reads --max-connections-per-user, 0 turning the cap off, and names the flag when it is wrong', () => {
    const admission = (argv: string[]) => {
      const flags = parseHubFlags(argv);
      if (flags === 'help' || !('admission' in flags)) throw new Error('not serving flags');
      return flags.admission;
    };
    expect(admission([])?.maxConnectionsPerUser).toBe(DEFAULT_MAX_CONNECTIONS_PER_USER);
    expect(admission(['--max-connections-per-user', '3'])?.maxConnectionsPerUser).toBe(3);
    expect(admission(['--max-connections-per-user', '0'])?.maxConnectionsPerUser).toBe(0);
    expect(() => parseHubFlags(['--max-connections-per-user', 'lots'])).toThrow('--max-connections-per-user "lots": expected a whole number of at least 0');
  });

  it('names the flag given a negative number, as for any value out of range', () => {
    expect(() => parseHubFlags(['--requests-per-second', '-1'])).toThrow('--requests-per-second "-1": expected a whole number of at least 0');
    expect(() => parseHubFlags(['--port', '-5'])).toThrow('--port "-5": expected a whole number from 0 to 65535');
    expect(() => parseHubFlags(['--open-join', '-1'])).toThrow(/'--open-join' does not take an argument/);
  });

  it('reads --mint-token USER [--token-days D] as a request to print a token, and --token-days alone as a mistake', () => {
    expect(parseHubFlags(['--mint-token', 'alice'])).toEqual({ userID: 'alice', days: 30 });
    expect(parseHubFlags(['--mint-token', 'alice', '--token-days', '7'])).toEqual({ userID: 'alice', days: 7 });
    expect(() => parseHubFlags(['--token-days', '7'])).toThrow('--token-days goes with --mint-token USER');
    expect(() => parseHubFlags(['--mint-token', 'alice', '--token-days', '0'])).toThrow('--token-days "0": expected a whole number from 1 to 3650');
    // It serves nothing: a flag for serving is a mistake, said, not dropped.
    expect(() => parseHubFlags(['--port', '4780', '--mint-token', 'alice'])).toThrow('--port does not go with --mint-token, which prints a token and serves nothing');
    expect(() => parseHubFlags(['--mint-token', 'alice', '--open-join'])).toThrow('--open-join does not go with --mint-token');
  });

  it('refuses a flag given twice with different values, naming both, and takes --allow-origin as often as it comes', () => {
    expect(() => parseHubFlags(['--port', '4780', '--port=4781'])).toThrow('--port is given twice ("4780", then "4781"): give it once');
    expect(() => parseHubFlags(['--mint-token', 'alice', '--mint-token', 'bob'])).toThrow('--mint-token is given twice ("alice", then "bob")');
    expect(parseHubFlags(['--port', '4780', '--port', '4780'])).toMatchObject({ port: 4780 });
    expect(parseHubFlags(['--allow-origin', 'https://a.example', '--allow-origin', 'https://b.example'])).toMatchObject({
      allowedOrigins: ['https://a.example', 'https://b.example'],
    });
  });

  it('names the file and the flag when --tls-cert or --tls-key holds something else, or the key is not the certificate\'s', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-flags-tls-'));
    for (const name of ['a', 'b']) {
      execFileSync('openssl', [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
        '-keyout', join(dir, `${name}.key`), '-out', join(dir, `${name}.crt`),
      ], { stdio: 'ignore' });
    }
    execFileSync('openssl', ['x509', '-in', join(dir, 'a.crt'), '-outform', 'DER', '-out', join(dir, 'a.der')], { stdio: 'ignore' });
    const [aCrt, aKey, bKey, aDer] = ['a.crt', 'a.key', 'b.key', 'a.der'].map((file) => join(dir, file)) as [string, string, string, string];
    expect(parseHubFlags(['--tls-cert', aCrt, '--tls-key', aKey])).toMatchObject({ tls: { cert: expect.any(Buffer), key: expect.any(Buffer) } });
    // Swapped: OpenSSL's own words ("PEM routines::no start line") named neither.
    expect(() => parseHubFlags(['--tls-cert', aKey, '--tls-key', aCrt])).toThrow(`--tls-cert "${aKey}": expected a PEM certificate (-----BEGIN CERTIFICATE-----)`);
    expect(() => parseHubFlags(['--tls-cert', aDer, '--tls-key', aKey])).toThrow(`--tls-cert "${aDer}": expected a PEM certificate`);
    expect(() => parseHubFlags(['--tls-cert', aCrt, '--tls-key', aCrt])).toThrow(`--tls-key "${aCrt}": expected a PEM private key`);
    expect(() => parseHubFlags(['--tls-cert', aCrt, '--tls-key', bKey])).toThrow(`--tls-key "${bKey}" is not the key of the certificate in --tls-cert "${aCrt}"`);
  });

  it('takes an IPv6 --host in brackets, as it is written in a URL, and names a host with spaces', () => {
    expect(parseHubFlags(['--host', '[::1]'])).toMatchObject({ host: '::1' });
    expect(parseHubFlags(['--host', '::1'])).toMatchObject({ host: '::1' });
    expect(() => parseHubFlags(['--host', 'my hub'])).toThrow('--host "my hub": expected a host name or IP address');
  });

  it('refuses a --login-timeout past what a timer can wait, which closed every connection at once', () => {
    expect(parseHubFlags(['--login-timeout', '2147483'])).toMatchObject({ admission: { loginTimeoutMs: 2_147_483_000 } });
    expect(() => parseHubFlags(['--login-timeout', '3000000'])).toThrow(
      '--login-timeout "3000000": expected a whole number from 1 to 2147483 (about 24 days, the longest a timer waits)',
    );
  });

  it('reads --reconnect-grace in seconds, 30 by default and 0 for none, and names it when it is wrong', () => {
    expect(parseHubFlags([])).toMatchObject({ reconnectGraceMs: 30_000 });
    expect(parseHubFlags(['--reconnect-grace', '0'])).toMatchObject({ reconnectGraceMs: 0 });
    expect(parseHubFlags(['--reconnect-grace', '90'])).toMatchObject({ reconnectGraceMs: 90_000 });
    expect(() => parseHubFlags(['--reconnect-grace', 'soon'])).toThrow('--reconnect-grace "soon": expected a whole number from 0 to 2147483');
  });
});
