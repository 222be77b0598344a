import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { HUB_SECRET_FILE } from '../auth/secret.js';
import { CallMode, CallUserState } from '../../../shared/calls/enums.js';
import { ZimErrorCode } from '../../../shared/protocol/errors.js';
import { mintToken, verifyToken } from '../auth/token.js';
import { WireClient } from './wireClient.js';

const CLI = join(process.cwd(), 'electron', 'core', 'hub', 'cli.ts');

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function run(args: string[], env: Record<string, string>): Run {
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-cli-'));
  dirs.push(dataDir);
  // Node itself with tsx's loader, not the tsx command: that one relays a SIGTERM to the hub and,
  // should the hub not confirm within 30 ms (a busy machine), kills it and exits with 143.
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    env: { ...process.env, SWITCHBOARD_DATA_DIR: dataDir, SWITCHBOARD_HUB_SECRET: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

async function urlOf(run: Run): Promise<string> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const line = run.stdout().split('\n').find((text) => text.startsWith('ws://'));
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no URL printed; stderr: ${run.stderr()}`);
}

async function logged(run: Run, line: RegExp): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (line.test(run.stderr())) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the hub never logged ${line}; stderr: ${run.stderr()}`);
}

async function login(url: string, secret: string): Promise<unknown> {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.send(JSON.stringify({ id: 1, method: 'login', params: { userID: 'alice', token: mintToken(secret, 'alice', Date.now()) } }));
  const reply = await new Promise<string>((resolve) => ws.once('message', (data) => resolve(String(data))));
  ws.close();
  return JSON.parse(reply);
}

describe('npm run hub', () => {
  it('prints its URL alone on stdout, serves logins with the secret from the environment, and exits cleanly on SIGTERM', async () => {
    const secret = 'cli-test-secret-0123456789';
    const hub = run(['--port', '0', '--host', '127.0.0.1'], { SWITCHBOARD_HUB_SECRET: secret });
    const url = await urlOf(hub);
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    expect(await login(url, secret)).toMatchObject({ id: 1, result: { userID: 'alice' } });
    hub.child.kill('SIGTERM');
    expect(await hub.exit).toBe(0);
    expect(hub.stdout()).toBe(`${url}\n`);
    expect(hub.stderr()).toContain('listening on');
  }, 20_000);

  it('without SWITCHBOARD_HUB_SECRET uses the secret kept in the data directory, and stops on SIGINT', async () => {
    const hub = run([], {});
    const url = await urlOf(hub);
    const dataDir = dirs.at(-1)!;
    const secret = readFileSync(join(dataDir, HUB_SECRET_FILE), 'utf8').trim();
    expect(await login(url, secret)).toMatchObject({ result: { userID: 'alice' } });
    hub.child.kill('SIGINT');
    expect(await hub.exit).toBe(0);
  }, 20_000);

  it('mints a token for one user with --mint-token, so a LAN softphone needs that token and not the secret', async () => {
    const secret = 'cli-test-secret-0123456789';
    const minted = run(['--mint-token', 'alice', '--token-days', '2'], { SWITCHBOARD_HUB_SECRET: secret });
    expect(await minted.exit).toBe(0);
    const token = minted.stdout().trim();
    const check = verifyToken(secret, token, 'alice', Date.now());
    expect(check.ok).toBe(true);
    expect(check.ok && check.expiresAt - Date.now()).toBeGreaterThan(2 * 86_400_000 - 60_000);
    expect(check.ok && check.expiresAt - Date.now()).toBeLessThanOrEqual(2 * 86_400_000);
    expect(verifyToken(secret, token, 'bob', Date.now())).toEqual({ ok: false, reason: 'wrong-user' });

    const bad = run(['--mint-token', 'no spaces'], { SWITCHBOARD_HUB_SECRET: secret });
    expect(await bad.exit).toBe(2);
    expect(bad.stderr()).toContain('--mint-token "no spaces": a userID is 1 to 32');
    // Where the hub has no secret, a token made with a new one would be refused everywhere.
    const nowhere = run(['--mint-token', 'alice'], {});
    expect(await nowhere.exit).toBe(2);
    expect(nowhere.stderr()).toContain('--mint-token: no hub secret here (neither SWITCHBOARD_HUB_SECRET nor ');
    expect(readdirSync(dirs.at(-1)!)).toEqual([]);
    const tooLong = run(['--mint-token', 'alice', '--token-days', '5000'], { SWITCHBOARD_HUB_SECRET: secret });
    expect(await tooLong.exit).toBe(2);
    expect(tooLong.stderr()).toContain('--token-days "5000": expected a whole number from 1 to 3650');
  }, 30_000);

  it('passes the limit flags to the hub', async () => {
    const secret = 'cli-test-secret-0123456789';
    const hub = run(['--requests-per-second', '1', '--request-burst', '1'], { SWITCHBOARD_HUB_SECRET: secret });
    const url = await urlOf(hub);
    const ws = new WebSocket(url);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const replies: string[] = [];
    const two = new Promise<void>((resolve) => ws.on('message', (data) => replies.push(...String(data).split('\n')) >= 2 && resolve()));
    for (const id of [1, 2]) ws.send(JSON.stringify({ id, method: 'login', params: { userID: 'alice', token: mintToken(secret, 'alice', Date.now()) } }));
    await two;
    ws.close();
    hub.child.kill('SIGTERM');
    expect(await hub.exit).toBe(0);
    expect(replies.map((reply) => JSON.parse(reply) as { id: number; error?: { code: number } })).toEqual([
      expect.objectContaining({ id: 1, result: expect.objectContaining({ userID: 'alice' }) }),
      expect.objectContaining({ id: 2, error: expect.objectContaining({ code: 6000005 }) }),
    ]);
  }, 20_000);

  it.each([
    [[], ZimErrorCode.CallIsNotInvitee],
    [['--open-join'], 'joined'],
  ] as const)('with %j, an outsider joining an advanced call gets %s', async (args, outcome) => {
    const secret = 'cli-test-secret-0123456789';
    const hub = run([...args], { SWITCHBOARD_HUB_SECRET: secret });
    const url = await urlOf(hub);
    const [alice, bob, dave] = await Promise.all(['alice', 'bob', 'dave'].map((userID) => WireClient.as(url, userID, secret)));
    const { callID } = await alice!.ok('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced } });
    await bob!.event('callInvitationReceived', callID);
    await bob!.ok('callAccept', { callID, config: {} });
    const joined = await dave!.request('callJoin', { callID, config: {} });
    for (const client of [alice, bob, dave]) client!.close();
    hub.child.kill('SIGTERM');
    expect(await hub.exit).toBe(0);
    expect(joined.error?.code ?? 'joined').toBe(outcome);
  }, 20_000);

  it.each([
    [[], 'rings'],
    [['--report-unknown-users'], ZimErrorCode.CallInviteUserDoesNotExist],
  ] as const)('with %j, inviting a user who never signed in %s', async (args, outcome) => {
    const secret = 'cli-test-secret-0123456789';
    const hub = run([...args], { SWITCHBOARD_HUB_SECRET: secret });
    const alice = await WireClient.as(await urlOf(hub), 'alice', secret);
    const invited = await alice.request('callInvite', { invitees: ['ghost'], config: {} });
    alice.close();
    hub.child.kill('SIGTERM');
    expect(await hub.exit).toBe(0);
    expect(invited.error?.code ?? 'rings').toBe(outcome);
  }, 20_000);

  it.each([
    [[], 'stays connected'],
    [['--leave-with-device'], 'is told bob left'],
  ] as const)('with %j, when the device bob answered on is closed while his other device stays signed in, alice %s', async (args, outcome) => {
    const secret = 'cli-test-secret-0123456789';
    const hub = run([...args], { SWITCHBOARD_HUB_SECRET: secret });
    const url = await urlOf(hub);
    const [alice, bobDesk, bobLaptop] = await Promise.all(['alice', 'bob', 'bob'].map((userID) => WireClient.as(url, userID, secret)));
    const { callID } = await alice!.ok('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced } });
    await bobDesk!.event('callInvitationReceived', callID);
    await bobDesk!.ok('callAccept', { callID, config: {} });
    await alice!.event('callUserStateChanged', callID);
    bobDesk!.close();
    // The hub logs each connection that goes: after that line, whatever the close caused has happened.
    await logged(hub, /of bob signed out \(1 connection\(s\) left\)/);
    const { callList } = await alice!.ok('queryCallInvitationList', { config: { count: 1 } });
    for (const client of [alice, bobLaptop]) client!.close();
    hub.child.kill('SIGTERM');
    expect(await hub.exit).toBe(0);
    const bobState = callList[0]!.callUserList.find((user) => user.userID === 'bob')!.state;
    expect(bobState === CallUserState.Quit ? 'is told bob left' : bobState === CallUserState.Accepted ? 'stays connected' : bobState).toBe(outcome);
  }, 20_000);

  it.each([
    [['--port', 'eighty'], '--port "eighty"'],
    [['--port', '70000'], '--port "70000"'],
    [['--prot', '5'], 'unknown flag --prot'],
    [['--port'], '--port'],
    [['extra'], 'unexpected argument "extra"'],
    [['--requests-per-second', 'lots'], '--requests-per-second "lots"'],
    [['--request-burst', '0'], '--request-burst "0"'],
    [['--max-open-invitations', '-1'], '--max-open-invitations'],
    [['--login-timeout', '0'], '--login-timeout "0"'],
    [['--allow-origin', 'https://phones.example.org/app'], '--allow-origin "https://phones.example.org/app"'],
    [['--tls-cert', '/nonexistent/cert.pem'], '--tls-cert and --tls-key go together'],
    [['--tls-cert', '/nonexistent/cert.pem', '--tls-key', '/nonexistent/key.pem'], '--tls-cert "/nonexistent/cert.pem": ENOENT'],
  ])('refuses %j with exit code 2, naming the flag', async (args, named) => {
    const hub = run(args, { SWITCHBOARD_HUB_SECRET: 'cli-test-secret-0123456789' });
    expect(await hub.exit).toBe(2);
    expect(hub.stderr()).toContain(named);
    expect(hub.stderr()).toContain('usage: npm run hub');
    expect(hub.stdout()).toBe('');
  }, 20_000);
});
