/**
 * The update decisions against a real HTTP server on loopback that serves a latest.yml feed and
 * its installer, read and downloaded by electron-updater's own feed and download code
 * (nodeSource.ts): a good release, a wrong checksum, a truncated download, a feed that is not
 * YAML and a server that is down. Timers are a recorded clock, so the schedule can be read.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHECK_EVERY_MS, FIRST_CHECK_AFTER_MS, UpdateController, type UpdateControllerOptions, type UpdateTimers } from './controller.js';
import { nodeUpdateSource } from './nodeSource.js';

const INSTALLER = Buffer.from('Switchboard 0.2.0 installer '.repeat(4096));
const sha512 = (data: Buffer): string => createHash('sha512').update(data).digest('base64');

function feed(version: string, checksum = sha512(INSTALLER), size = INSTALLER.length): string {
  const file = `Switchboard-Setup-${version}.exe`;
  return `version: ${version}\nfiles:\n  - url: ${file}\n    sha512: ${checksum}\n    size: ${size}\npath: ${file}\nsha512: ${checksum}\nreleaseDate: '2026-11-29T12:00:00.000Z'\n`;
}

/** Routes of the feed server: path → what to answer. */
type Route = (response: ServerResponse) => void;
let routes: Map<string, Route>;
let server: Server;
let baseUrl: string;
let dir: string;

beforeEach(async () => {
  routes = new Map();
  server = createServer((request, response) => {
    const route = routes.get(new URL(request.url ?? '/', 'http://x').pathname);
    if (route) return route(response);
    response.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/releases/`;
  dir = mkdtempSync(join(tmpdir(), 'switchboard-update-'));
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const serveFeed = (text: string): void => {
  routes.set('/releases/latest.yml', (response) => response.writeHead(200, { 'Content-Type': 'text/yaml' }).end(text));
};
const serveInstaller = (version: string, route: Route = (response) => response.writeHead(200, { 'Content-Length': INSTALLER.length }).end(INSTALLER)): void => {
  routes.set(`/releases/Switchboard-Setup-${version}.exe`, route);
};

/** Timers that only record: the tests read what is scheduled, and fire it. */
class RecordedTimers implements UpdateTimers {
  readonly pending = new Map<number, { run: () => void; ms: number }>();
  #next = 1;
  setTimeout(run: () => void, ms: number): unknown {
    const handle = this.#next++;
    this.pending.set(handle, { run, ms });
    return handle;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Runs every pending timer, as time passing would. */
  fireAll(): void {
    const due = [...this.pending.values()];
    this.pending.clear();
    for (const timer of due) timer.run();
  }
  delays(): number[] {
    return [...this.pending.values()].map((timer) => timer.ms);
  }
}

function setUp(more: Partial<UpdateControllerOptions> = {}) {
  const installed: string[] = [];
  const timers = new RecordedTimers();
  const source = nodeUpdateSource({ url: baseUrl, currentVersion: '0.1.0', platform: 'win32', downloadDir: dir, install: (file) => installed.push(file) });
  const updates = new UpdateController({ version: '0.1.0', source, autoCheck: true, timers, ...more });
  return { updates, installed, timers };
}

describe('UpdateController with a local feed', () => {
  it('downloads a newer release in the background, verifies it, and installs it on "Restart to update" when the lines are free', async () => {
    serveFeed(feed('0.2.0'));
    serveInstaller('0.2.0');
    const { updates, installed } = setUp();
    const seen: string[] = [];
    updates.onChange(() => seen.push(updates.view.status));
    await updates.check();
    expect(seen).toEqual(['checking', 'downloading', 'ready']);
    expect(updates.view).toMatchObject({ version: '0.1.0', status: 'ready', available: '0.2.0', detail: null });
    updates.restartToUpdate();
    expect(installed).toHaveLength(1);
    expect(readFileSync(installed[0]!).equals(INSTALLER)).toBe(true);
  });

  it('never restarts while a call rings or is connected: it waits until the lines are free', async () => {
    serveFeed(feed('0.2.0'));
    serveInstaller('0.2.0');
    const { updates, installed } = setUp();
    updates.linesChanged(false);
    await updates.check();
    updates.restartToUpdate();
    expect(updates.view.status).toBe('waiting');
    updates.linesChanged(false);
    expect(installed).toEqual([]);
    updates.linesChanged(true);
    expect(installed).toHaveLength(1);
  });

  it('stays idle when the feed offers the running version, and checks again in a few hours', async () => {
    serveFeed(feed('0.1.0'));
    const { updates, timers } = setUp();
    await updates.check();
    expect(updates.view).toMatchObject({ status: 'idle', available: null });
    expect(timers.delays()).toEqual([CHECK_EVERY_MS]);
    expect(() => updates.restartToUpdate()).toThrow('No update is ready to install');
  });

  it('refuses a download whose checksum is wrong: nothing is offered or kept, and the next check retries', async () => {
    serveFeed(feed('0.2.0', sha512(Buffer.from('another file'))));
    serveInstaller('0.2.0');
    const { updates, installed, timers } = setUp();
    await updates.check();
    expect(updates.view).toMatchObject({ status: 'error', available: null });
    expect(updates.view.detail).toMatch(/^Could not download version 0\.2\.0: .*sha512 checksum mismatch/s);
    expect(() => updates.restartToUpdate()).toThrow('No update is ready to install');
    expect(installed).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
    expect(timers.delays()).toEqual([CHECK_EVERY_MS]);
  });

  it('refuses a truncated download (the connection ends early, without a length)', async () => {
    serveFeed(feed('0.2.0'));
    serveInstaller('0.2.0', (response) => {
      response.writeHead(200);
      response.end(INSTALLER.subarray(0, INSTALLER.length / 2));
    });
    const { updates } = setUp();
    await updates.check();
    expect(updates.view.status).toBe('error');
    expect(updates.view.detail).toMatch(/sha512 checksum mismatch/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a truncated download (the server promised more bytes and hung up)', async () => {
    serveFeed(feed('0.2.0'));
    serveInstaller('0.2.0', (response) => {
      response.writeHead(200, { 'Content-Length': INSTALLER.length });
      response.write(INSTALLER.subarray(0, INSTALLER.length / 2), () => response.destroy());
    });
    const { updates, timers } = setUp();
    const checked = updates.check();
    // Whatever the transport makes of the cut connection, the download must end: by an error,
    // or else by the download deadline, fired here.
    const deadline = Date.now() + 5_000;
    while (updates.view.status === 'downloading' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    if (updates.view.status === 'downloading') timers.fireAll();
    await checked;
    expect(updates.view.status).toBe('error');
    expect(updates.view.detail).toMatch(/^Could not download version 0\.2\.0: /);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reports a feed that is not YAML, and checks again later', async () => {
    serveFeed('version: [0.2.0\nfiles: {{{\n');
    const { updates, timers } = setUp();
    await updates.check();
    expect(updates.view.status).toBe('error');
    expect(updates.view.detail).toMatch(/^Could not check for updates: .*latest\.yml/s);
    expect(timers.delays()).toEqual([CHECK_EVERY_MS]);
  });

  it('reports a feed server that is down', { timeout: 20_000 }, async () => {
    serveFeed(feed('0.2.0'));
    const { updates } = setUp();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await updates.check();
    expect(updates.view.status).toBe('error');
    expect(updates.view.detail).toMatch(/^Could not check for updates: .*ECONNREFUSED/s);
    // afterEach closes it again.
    server = createServer().listen(0, '127.0.0.1');
  });
});

describe('UpdateController: when it checks', () => {
  it('checks soon after start, and not at all with automatic checks off; turning them on schedules one', () => {
    const on = setUp();
    on.updates.start();
    expect(on.timers.delays()).toEqual([FIRST_CHECK_AFTER_MS]);
    on.updates.setAutoCheck(false);
    expect(on.timers.delays()).toEqual([]);
    expect(on.updates.view.autoCheck).toBe(false);
    on.updates.setAutoCheck(true);
    expect(on.timers.delays()).toEqual([FIRST_CHECK_AFTER_MS]);

    const off = setUp({ autoCheck: false });
    off.updates.start();
    expect(off.timers.delays()).toEqual([]);
  });

  it('the scheduled check runs the check', async () => {
    serveFeed(feed('0.1.0'));
    const { updates, timers } = setUp();
    updates.start();
    timers.fireAll();
    await expect.poll(() => updates.view.status).toBe('idle');
    expect(timers.delays()).toEqual([CHECK_EVERY_MS]);
  });

  it('a run that cannot update itself says why, schedules nothing, and refuses to restart', () => {
    const timers = new RecordedTimers();
    const updates = new UpdateController({ version: '0.1.0', source: { unavailable: 'updates come with the installed app' }, autoCheck: true, timers });
    updates.start();
    expect(timers.delays()).toEqual([]);
    expect(updates.view).toMatchObject({ status: 'unavailable', detail: 'updates come with the installed app' });
    expect(() => updates.restartToUpdate()).toThrow('No update to install: updates come with the installed app');
  });
});
