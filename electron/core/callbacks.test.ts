/**
 * The Callbacks list end to end in the core: real softphones on a real hub over sockets, the
 * callee's call log in a real database file that outlives its softphone.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppState } from '../../shared/ipc/contract.js';
import { startHub, type RunningHub } from './hub/server.js';
import { createSoftphone, type Softphone } from './softphone.js';

const SECRET = 'callbacks-test-secret-0123456';
const env = { SWITCHBOARD_HUB_SECRET: SECRET };
let hub: RunningHub;
let dir: string;
const open: Softphone[] = [];

beforeAll(async () => {
  hub = await startHub({ secret: SECRET });
});
afterAll(async () => {
  await hub.close();
});
afterEach(async () => {
  for (const softphone of open.splice(0).reverse()) await softphone.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function phone(userID: string, options: { incoming?: number; historyPath?: string } = {}): Promise<Softphone> {
  dir ??= mkdtempSync(join(tmpdir(), 'switchboard-callbacks-'));
  const softphone = await createSoftphone({
    env, dataDir: dir, hubUrl: hub.url, userID, limits: { incoming: options.incoming ?? 3 }, historyPath: options.historyPath,
  });
  open.push(softphone);
  await waitFor(softphone, (state) => state.connection.status === 'online');
  return softphone;
}

function waitFor(softphone: Softphone, test: (state: AppState) => boolean, what = 'the expected state'): Promise<AppState> {
  return new Promise((resolve, reject) => {
    if (test(softphone.state)) return resolve(softphone.state);
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`timed out waiting for ${what}; state: ${JSON.stringify(softphone.state)}`));
    }, 10_000);
    const stop = softphone.onState((state) => {
      if (!test(state)) return;
      clearTimeout(timer);
      stop();
      resolve(state);
    });
  });
}

async function connect(from: Softphone, to: Softphone, peer: string): Promise<string> {
  expect(await from.command({ type: 'dial', userID: peer })).toEqual({ ok: true });
  const ringing = await waitFor(to, (state) => state.calls.some((call) => call.phase === 'ringing'), 'a ringing call');
  const callID = ringing.calls.find((call) => call.phase === 'ringing')!.callID;
  expect(await to.command({ type: 'accept', callID })).toEqual({ ok: true });
  await waitFor(from, (state) => state.calls.some((call) => call.phase === 'connected'), 'a connected call');
  return callID;
}

describe('the history limit', () => {
  it('is refused out of range, naming it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-callbacks-'));
    await expect(createSoftphone({ env, dataDir: dir, hubUrl: hub.url, historyRetention: 0 })).rejects.toThrow(
      'the history limit must be a whole number from 1 to 1000000, not 0',
    );
  });
});

describe('the Callbacks list', () => {
  it('puts a turned-away caller in it, tells them their place, keeps it across a restart, offers it when a line frees, and clears it once the call-back is answered', async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-callbacks-'));
    const historyPath = join(dir, 'users', 'bob', 'history.sqlite');
    let bob = await phone('bob', { incoming: 1, historyPath });
    const carol = await phone('carol');
    const ann = await phone('ann');
    const dee = await phone('dee');
    const busyCall = await connect(carol, bob, 'bob');

    // Turned away at the line limit: first ann, then dee, each told their place.
    expect(await ann.command({ type: 'dial', userID: 'bob' })).toEqual({ ok: true });
    const annTold = await waitFor(ann, (state) => state.notices.some((n) => n.kind === 'busy'), "ann's busy notice");
    expect(annTold.notices.find((n) => n.kind === 'busy')?.text).toBe("bob is busy — call limit reached; you're 1st in bob's callback list");
    expect(await dee.command({ type: 'dial', userID: 'bob' })).toEqual({ ok: true });
    const deeTold = await waitFor(dee, (state) => state.notices.some((n) => n.kind === 'busy'), "dee's busy notice");
    expect(deeTold.notices.find((n) => n.kind === 'busy')?.text).toBe("bob is busy — call limit reached; you're 2nd in bob's callback list");
    // ann tries again: still one entry, two tries, still first.
    await ann.command({ type: 'dial', userID: 'bob' });
    await waitFor(bob, (state) => state.callbacks[0]?.attempts === 2, "ann's second try");
    expect(bob.state.callbacks.map((c) => [c.peer, c.attempts, c.reason])).toEqual([
      ['ann', 2, 'turned away (line limit)'],
      ['dee', 1, 'turned away (line limit)'],
    ]);
    expect(bob.state.callbackOffer).toBeNull();

    // Restart bob's softphone on the same database: history and callbacks are still there.
    await bob.dispose();
    open.splice(open.indexOf(bob), 1);
    await waitFor(carol, (state) => state.calls.length === 0, "carol's call to end");
    bob = await phone('bob', { incoming: 1, historyPath });
    expect(bob.state.callbacks.map((c) => c.peer)).toEqual(['ann', 'dee']);
    expect(bob.state.history.filter((e) => e.outcome === 'turned-away').map((e) => e.peer)).toEqual(['ann', 'dee', 'ann']);
    expect(bob.state.history.some((e) => e.callID === busyCall && e.outcome === 'answered')).toBe(true);

    // A line frees: the longest-waiting caller is offered.
    await connect(carol, bob, 'bob');
    const connected = bob.state.calls[0]!;
    expect(await bob.command({ type: 'hangUp', callID: connected.callID })).toEqual({ ok: true });
    const offered = await waitFor(bob, (state) => state.callbackOffer !== null, 'the offer');
    expect(offered.callbackOffer?.peer).toBe('ann');

    // Calling back: ann sees it is bob's call-back; answered, it leaves the list.
    expect(await bob.command({ type: 'callBack', userID: 'ann' })).toEqual({ ok: true });
    const ringing = await waitFor(ann, (state) => state.calls.some((call) => call.phase === 'ringing'), "bob's call-back at ann");
    expect(ringing.calls[0]).toMatchObject({ peer: 'bob', callback: true });
    expect(await ann.command({ type: 'accept', callID: ringing.calls[0]!.callID })).toEqual({ ok: true });
    const cleared = await waitFor(bob, (state) => state.callbacks.length === 1, "ann's entry to clear");
    expect(cleared.callbacks.map((c) => c.peer)).toEqual(['dee']);
    expect(cleared.calls[0]).toMatchObject({ peer: 'ann', phase: 'connected', callback: true });

    // Dismissed by hand; dismissing again says why not.
    expect(await bob.command({ type: 'dismissCallback', userID: 'dee' })).toEqual({ ok: true });
    expect(await bob.command({ type: 'dismissCallback', userID: 'dee' })).toEqual({ ok: false, error: 'dee is not in the Callbacks list' });
    expect(bob.state.callbacks).toEqual([]);
  }, 30_000);

  it('filters and searches the History list, and exports it as CSV next to the database', async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-callbacks-'));
    const bob = await phone('bob', { incoming: 1, historyPath: join(dir, 'users', 'bob', 'history.sqlite') });
    const carol = await phone('carol');
    const ann = await phone('ann');
    await connect(carol, bob, 'bob');
    await ann.command({ type: 'dial', userID: 'bob' });
    await waitFor(bob, (state) => state.historyView.stored === 1, 'the turned-away entry');

    expect(await bob.command({ type: 'setHistoryView', filter: 'turned-away', search: '' })).toEqual({ ok: true });
    expect(bob.state.history.map((e) => e.peer)).toEqual(['ann']);
    expect(bob.state.historyView).toEqual({ filter: 'turned-away', search: '', matching: 1, stored: 1 });
    expect(await bob.command({ type: 'setHistoryView', filter: 'missed', search: '' })).toEqual({ ok: true });
    expect(bob.state.history).toEqual([]);
    expect(await bob.command({ type: 'setHistoryView', filter: 'all', search: 'AN' })).toEqual({ ok: true });
    expect(bob.state.history.map((e) => e.peer)).toEqual(['ann']);
    expect(await bob.command({ type: 'setHistoryView', filter: 'everything', search: '' })).toEqual({
      ok: false, error: 'invalid command: filter: the history filter is one of all, missed, turned-away',
    });

    expect(await bob.command({ type: 'exportHistory' })).toEqual({ ok: true });
    const notice = bob.state.notices.find((n) => n.text.startsWith('History exported to '))!;
    const path = notice.text.slice('History exported to '.length);
    expect(path.startsWith(join(dir, 'users', 'bob', 'history-'))).toBe(true);
    expect(readFileSync(path, 'utf8').split('\r\n')[1]).toMatch(/^[^,]+,[^,]+,incoming,ann,turned-away,turned away: line limit,no,/);
  }, 30_000);
});
