/**
 * The block list from the app's side: softphones on a real hub over real sockets. What the user
 * blocks is kept on the hub, turns those callers away as busy, and is put back after the hub
 * restarts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from './hub/server.js';
import { createSoftphone, type Softphone } from './softphone.js';
import { waitForState } from './testing.js';

const SECRET = 'block-list-test-secret-0123';
const env = { SWITCHBOARD_HUB_SECRET: SECRET };
const open: Array<Softphone | RunningHub> = [];
afterEach(async () => {
  for (const running of open.splice(0).reverse()) await ('dispose' in running ? running.dispose() : running.close());
});

async function phone(hubUrl: string, userID: string): Promise<Softphone> {
  const softphone = await createSoftphone({ env, dataDir: mkdtempSync(join(tmpdir(), 'switchboard-block-')), hubUrl, userID });
  open.push(softphone);
  await waitForState(softphone, (state) => state.connection.status === 'online');
  return softphone;
}


describe('the block list in the app', () => {
  it('lets no one be both blocked and a priority caller: blocking wins, and says so', async () => {
    const hub = await startHub({ secret: SECRET });
    open.push(hub);
    const bob = await phone(hub.url, 'bob');
    expect(await bob.command({ type: 'setPriorityCaller', userID: 'dispatch', priority: true })).toEqual({ ok: true });
    expect(await bob.command({ type: 'block', userID: 'dispatch' })).toEqual({ ok: true });
    expect(bob.state.blocked).toEqual(['dispatch']);
    expect(bob.state.priorityCallers).toEqual([]);
    expect(bob.state.notices.map((notice) => notice.text)).toContain('dispatch is no longer a priority caller: blocked callers never ring');
    expect(await bob.command({ type: 'setPriorityCaller', userID: 'dispatch', priority: true })).toEqual({
      ok: false, error: 'dispatch is blocked: their calls never reach you; unblock them first',
    });
    expect(await bob.command({ type: 'unblock', userID: 'dispatch' })).toEqual({ ok: true });
    expect(await bob.command({ type: 'setPriorityCaller', userID: 'dispatch', priority: true })).toEqual({ ok: true });

    // Made a priority caller while signed out, when the block list is not known: reading it back at sign-in settles it.
    expect(await bob.command({ type: 'block', userID: 'mallory' })).toEqual({ ok: true });
    expect(await bob.command({ type: 'signOut' })).toEqual({ ok: true });
    expect(await bob.command({ type: 'setPriorityCaller', userID: 'mallory', priority: true })).toEqual({ ok: true });
    expect(bob.state.priorityCallers).toEqual(['dispatch', 'mallory']);
    expect(await bob.command({ type: 'signIn', userID: 'bob' })).toEqual({ ok: true });
    const settled = await waitForState(bob, (state) => state.blocked.includes('mallory') && !state.priorityCallers.includes('mallory'));
    expect(settled.priorityCallers).toEqual(['dispatch']);
    expect(settled.notices.map((notice) => notice.text)).toContain('mallory is no longer a priority caller: blocked callers never ring');
  });

  it('turns a blocked caller away as busy without ringing, unblocks, and survives a hub restart', async () => {
    const hub = await startHub({ secret: SECRET });
    open.push(hub);
    const bob = await phone(hub.url, 'bob');
    const mallory = await phone(hub.url, 'mallory');

    expect(await bob.command({ type: 'block', userID: 'mallory' })).toEqual({ ok: true });
    expect(bob.state.blocked).toEqual(['mallory']);
    expect(await bob.command({ type: 'block', userID: 'bob' })).toEqual({ ok: false, error: 'block failed: bob cannot be blocked (6000805)' });

    const versionsWithCalls: number[] = [];
    bob.onState((state) => state.calls.length > 0 && versionsWithCalls.push(state.version));
    expect(await mallory.command({ type: 'dial', userID: 'bob' })).toEqual({ ok: true });
    const told = await waitForState(mallory, (state) => state.notices.some((notice) => notice.kind === 'busy'));
    expect(told.notices.map((notice) => notice.text)).toContain('bob is busy');
    const firstBusy = told.notices.find((notice) => notice.kind === 'busy')!.id;
    await waitForState(mallory, (state) => state.calls.length === 0);
    expect(versionsWithCalls).toEqual([]);

    // The hub forgets everything when it restarts; bob's softphone puts the list back.
    const port = hub.port;
    await hub.close();
    open.splice(open.indexOf(hub), 1);
    const restarted = await startHub({ secret: SECRET, port });
    open.unshift(restarted);
    await waitForState(bob, (state) => state.connection.status === 'online');
    await waitForState(mallory, (state) => state.connection.status === 'online');
    await expect.poll(() => bob.state.blocked, { timeout: 10_000 }).toEqual(['mallory']);
    expect(await mallory.command({ type: 'dial', userID: 'bob' })).toEqual({ ok: true });
    // Told again, the same notice comes back as a new one (the same text never shows twice at once).
    await waitForState(mallory, (state) => state.notices.some((notice) => notice.kind === 'busy' && notice.id !== firstBusy));
    expect(versionsWithCalls).toEqual([]);

    expect(await bob.command({ type: 'unblock', userID: 'mallory' })).toEqual({ ok: true });
    expect(bob.state.blocked).toEqual([]);
    await waitForState(mallory, (state) => state.calls.length === 0);
    expect(await mallory.command({ type: 'dial', userID: 'bob' })).toEqual({ ok: true });
    await waitForState(bob, (state) => state.calls.some((call) => call.peer === 'mallory' && call.phase === 'ringing'));
  }, 40_000);
});
