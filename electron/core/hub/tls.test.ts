/**
 * A LAN hub over TLS: `npm run hub -- --tls-cert F --tls-key F` in a process of its own, with a
 * self-signed certificate made for the test by openssl. Softphones reach it when they trust the
 * certificate as a CA file or by its pinned fingerprint, and send no token to a hub that fails
 * the pin; a token sent over ws:// to another machine is warned about.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { spawnReady, type Spawned } from '../../../e2e/support/processes.js';
import type { AppState } from '../../../shared/ipc/contract.js';
import { mintToken } from '../auth/token.js';
import { HubClient } from '../signaling/hubClient.js';
import type { HubTrust } from '../signaling/hubTls.js';
import type { SignalingStatus } from '../signaling/port.js';
import { createSoftphone } from '../softphone.js';

const SECRET = 'tls-test-secret-0123456789';
let dir: string;
let hub: Spawned | undefined;
let url: string;
let certificate: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hub-tls-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
  certificate = readFileSync(join(dir, 'cert.pem'), 'utf8');
  hub = await spawnReady(
    'electron/core/hub/cli.ts',
    ['--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'key.pem')],
    { ...process.env, SWITCHBOARD_DATA_DIR: dir, SWITCHBOARD_HUB_SECRET: SECRET },
    /^wss:\/\/127\.0\.0\.1:\d+$/,
  );
  url = hub.url;
}, 30_000);

afterAll(async () => {
  await hub?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function settle(client: HubClient): Promise<SignalingStatus> {
  return new Promise((resolve) => {
    const stop = client.onStatus((status) => {
      if (status.status !== 'online' && status.status !== 'offline') return;
      stop();
      resolve(status);
    });
  });
}

function client(userID: string, trust: HubTrust | undefined, log: string[] = []): HubClient {
  return new HubClient({ url, userID, token: () => mintToken(SECRET, userID, Date.now()), trust, log: (line) => log.push(line) });
}

describe('a hub serving wss://', () => {
  it('prints a wss:// URL and refuses a client that trusts only the system CAs', async () => {
    expect(url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+$/);
    const plain = new WebSocket(url);
    const error = await new Promise<Error>((resolve) => plain.once('error', resolve));
    expect(error.message).toMatch(/self[- ]signed/);
  });

  it('signs in a softphone that trusts the certificate as a CA file', async () => {
    const alice = client('alice', { ca: certificate });
    expect(await settle(alice)).toEqual({ status: 'online', userID: 'alice' });
    expect((await alice.request('queryBlacklist', { config: { count: 1 } })).blacklist).toEqual([]);
    alice.close();
  });

  it('signs in one that pins the certificate fingerprint, and sends no token to a hub that fails the pin', async () => {
    const fingerprint = new X509Certificate(certificate).fingerprint256;
    const bob = client('bob', { fingerprint });
    expect(await settle(bob)).toEqual({ status: 'online', userID: 'bob' });
    bob.close();

    const log: string[] = [];
    const wrong = 'AA:'.repeat(31) + 'AA';
    const mallory = client('mallory', { fingerprint: wrong }, log);
    const status = await settle(mallory);
    mallory.close();
    expect(status).toMatchObject({ status: 'offline', error: expect.stringContaining(`not the pinned ${wrong}`) });
    expect(log.join('\n')).toContain(`has the fingerprint ${fingerprint}`);
    expect(hub!.log()).not.toContain('logged in as mallory');
    expect(hub!.log()).toContain('logged in as bob');
  });

  it('is reached by a softphone given wss:// and SWITCHBOARD_HUB_FINGERPRINT', async () => {
    const softphone = await createSoftphone({
      dataDir: dir, hubUrl: url, userID: 'carol',
      env: { SWITCHBOARD_HUB_SECRET: SECRET, SWITCHBOARD_HUB_FINGERPRINT: new X509Certificate(certificate).fingerprint256.replaceAll(':', '').toLowerCase() },
    });
    const online = await new Promise<AppState>((resolve) => {
      if (softphone.state.connection.status === 'online') return resolve(softphone.state);
      const stop = softphone.onState((state) => state.connection.status === 'online' && (stop(), resolve(state)));
    });
    expect(online.connection.hubUrl).toBe(`${url}/`);
    await softphone.dispose();
  });
});

describe('a token over ws://', () => {
  it('is warned about when the hub is on another machine, and not on loopback', () => {
    const lines: string[] = [];
    const remote = new HubClient({ url: 'ws://192.0.2.10:4780', userID: 'ann', token: () => 'x', log: (line) => lines.push(line) });
    remote.close();
    expect(lines[0]).toMatch(/^warning: the hub ws:\/\/192\.0\.2\.10:4780\/ is not on this machine and the connection is not encrypted/);
    const local: string[] = [];
    new HubClient({ url: 'ws://127.0.0.1:1', userID: 'ann', token: () => 'x', log: (line) => local.push(line) }).close();
    new HubClient({ url: 'ws://localhost:1', userID: 'ann', token: () => 'x', log: (line) => local.push(line) }).close();
    expect(local.filter((line) => line.startsWith('warning'))).toEqual([]);
  });
});
