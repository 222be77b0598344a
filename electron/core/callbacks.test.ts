/**
 * The Callbacks list end to end in the core: real softphones on a real hub over sockets, the
 * callee's call log in a real database file that outlives its softphone.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
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

    // A call back that misses the caller says so on their entry: dee declines, and still waits.
    expect(await bob.command({ type: 'callBack', userID: 'dee' })).toEqual({ ok: true });
    const deeRinging = await waitFor(dee, (state) => state.calls.some((call) => call.phase === 'ringing'), "bob's call-back at dee");
    expect(await dee.command({ type: 'decline', callID: deeRinging.calls[0]!.callID })).toEqual({ ok: true });
    const tried = await waitFor(bob, (state) => state.calls.length === 0 && state.callbacks.some((c) => c.calledBack !== undefined), 'the call back noted');
    expect(tried.callbacks.map((c) => [c.peer, c.calledBack?.detail])).toEqual([['ann', undefined], ['dee', 'dee declined']]);

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

  it('keeps a call that rings again after a sign-out as one entry: answered, its caller leaves Callbacks; missed again, they wait once; the same on disk', async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-callbacks-'));
    const historyPath = join(dir, 'users', 'bob', 'history.sqlite');
    const bob = await phone('bob', { historyPath });
    const alice = await phone('alice');
    /** Rings bob, signs him out while it rings and back in; resolves once the same call rings again. */
    async function ringAcrossSignOut(): Promise<string> {
      expect(await alice.command({ type: 'dial', userID: 'bob' })).toEqual({ ok: true });
      const ringing = await waitFor(bob, (state) => state.calls.some((call) => call.phase === 'ringing'), 'a ringing call');
      const callID = ringing.calls[0]!.callID;
      expect(await bob.command({ type: 'signOut' })).toEqual({ ok: true });
      const out = await waitFor(bob, (state) => state.user === null, 'the sign-out');
      expect(out.history.filter((e) => e.callID === callID).map((e) => e.detail)).toEqual(['missed: you signed out']);
      expect(out.callbacks.map((c) => [c.peer, c.attempts])).toEqual([['alice', 1]]);
      expect(await bob.command({ type: 'signIn', userID: 'bob' })).toEqual({ ok: true });
      await waitFor(bob, (state) => state.calls.some((call) => call.callID === callID && call.phase === 'ringing'), 'the same call ringing again');
      return callID;
    }
    const diskRows = (callID: string): unknown[] => {
      const db = new DatabaseSync(historyPath, { readOnly: true });
      try {
        return db.prepare('SELECT outcome, detail FROM history WHERE call_id = ?').all(callID).map((row) => ({ ...row }));
      } finally {
        db.close();
      }
    };
    const diskCallbacks = (): unknown[] => {
      const db = new DatabaseSync(historyPath, { readOnly: true });
      try {
        return db.prepare('SELECT peer, attempts FROM callbacks').all().map((row) => ({ ...row }));
      } finally {
        db.close();
      }
    };

    const answered = await ringAcrossSignOut();
    expect(await bob.command({ type: 'accept', callID: answered })).toEqual({ ok: true });
    await waitFor(alice, (state) => state.calls.some((call) => call.phase === 'connected'), 'the answer at alice');
    expect(await alice.command({ type: 'hangUp', callID: answered })).toEqual({ ok: true });
    const after = await waitFor(bob, (state) => state.calls.length === 0, 'the call to end');
    expect(after.history.filter((e) => e.callID === answered).map((e) => [e.outcome, e.detail])).toEqual([['answered', expect.stringMatching(/^alice hung up after /)]]);
    expect(after.historyView.stored).toBe(1);
    expect(after.callbacks).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(diskRows(answered)).toEqual([{ outcome: 'answered', detail: after.history[0]!.detail }]);
    expect(diskCallbacks()).toEqual([]);

    const cancelled = await ringAcrossSignOut();
    expect(await alice.command({ type: 'cancel', callID: cancelled })).toEqual({ ok: true });
    const missed = await waitFor(bob, (state) => state.calls.length === 0, 'the cancel');
    expect(missed.history.map((e) => [e.callID, e.outcome, e.detail])).toEqual([
      [cancelled, 'missed', 'missed: alice cancelled'],
      [answered, 'answered', after.history[0]!.detail],
    ]);
    expect(missed.callbacks.map((c) => [c.peer, c.attempts, c.reason])).toEqual([['alice', 1, 'missed: alice cancelled']]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(diskRows(cancelled)).toEqual([{ outcome: 'missed', detail: 'missed: alice cancelled' }]);
    expect(diskCallbacks()).toEqual([{ peer: 'alice', attempts: 1 }]);
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
