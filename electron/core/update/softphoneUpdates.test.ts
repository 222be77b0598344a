/**
 * Updates through the softphone's own contract, as the main window uses them: the version and
 * update status in AppState, "setAutoUpdate" and "restartToUpdate" commands, and a restart that
 * waits while a real call rings over a real in-process hub, from a real local feed.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSoftphone, type Softphone } from '../softphone.js';
import { UpdateController } from './controller.js';
import { nodeUpdateSource } from './nodeSource.js';
import { waitForState } from '../testing.js';

const env = { SWITCHBOARD_HUB_SECRET: 'softphone-updates-test-secret' };
const INSTALLER = Buffer.from('Switchboard 0.3.0');
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-updates-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

async function phone(options: Parameters<typeof createSoftphone>[0]): Promise<Softphone> {
  const softphone = await createSoftphone({ env, ...options });
  cleanup.push(() => softphone.dispose());
  return softphone;
}


async function feedServer(): Promise<string> {
  const sha512 = createHash('sha512').update(INSTALLER).digest('base64');
  const server: Server = createServer((request, response) => {
    if (request.url?.startsWith('/latest.yml')) {
      response.end(`version: 0.3.0\nfiles:\n  - url: Switchboard-Setup-0.3.0.exe\n    sha512: ${sha512}\n    size: ${INSTALLER.length}\npath: Switchboard-Setup-0.3.0.exe\nsha512: ${sha512}\n`);
    } else if (request.url === '/Switchboard-Setup-0.3.0.exe') response.end(INSTALLER);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe('updates in the softphone', () => {
  it('shows the version and status in AppState, and turns automatic checks off by command', async () => {
    const updates = new UpdateController({ version: '0.1.0', source: { unavailable: 'updates come with the installed app' }, autoCheck: true });
    const bob = await phone({ dataDir: tempDir(), updates });
    expect(bob.state.updates).toMatchObject({ version: '0.1.0', autoCheck: true, status: 'unavailable' });
    expect(await bob.command({ type: 'setAutoUpdate', enabled: false })).toEqual({ ok: true });
    expect(bob.state.updates?.autoCheck).toBe(false);
    expect(await bob.command({ type: 'restartToUpdate' })).toEqual({ ok: false, error: 'No update to install: updates come with the installed app' });
    expect(await bob.command({ type: 'setAutoUpdate', enabled: 'no' })).toMatchObject({ ok: false, error: expect.stringContaining('enabled') });
  });

  it('browser mode has no updates: none in AppState, and the commands are refused', async () => {
    const web = await phone({ dataDir: tempDir() });
    expect(web.state.updates).toBeUndefined();
    expect(await web.command({ type: 'restartToUpdate' })).toEqual({ ok: false, error: 'Only the desktop app updates itself' });
  });

  it('"Restart to update" while a call rings waits, and installs once the caller gives up', async () => {
    const installed: string[] = [];
    const source = nodeUpdateSource({ url: await feedServer(), currentVersion: '0.1.0', platform: 'win32', downloadDir: tempDir(), install: (file) => installed.push(file) });
    const updates = new UpdateController({ version: '0.1.0', source, autoCheck: false });
    const bob = await phone({ dataDir: tempDir(), userID: 'bob', updates });
    const alice = await phone({ dataDir: tempDir(), hubUrl: bob.hubUrl, userID: 'alice' });
    await waitForState(bob, (state) => state.connection.status === 'online');
    await waitForState(alice, (state) => state.connection.status === 'online');

    await updates.check();
    expect(bob.state.updates).toMatchObject({ status: 'ready', available: '0.3.0' });
    expect(await alice.command({ type: 'dial', userID: 'bob' })).toEqual({ ok: true });
    await waitForState(bob, (state) => state.calls.some((call) => call.phase === 'ringing'));
    expect(await bob.command({ type: 'restartToUpdate' })).toEqual({ ok: true });
    expect(bob.state.updates?.status).toBe('waiting');
    expect(installed).toEqual([]);

    const callID = alice.state.calls[0]!.callID;
    expect(await alice.command({ type: 'cancel', callID })).toEqual({ ok: true });
    await waitForState(bob, (state) => state.calls.length === 0);
    expect(installed).toHaveLength(1);
  });
});
