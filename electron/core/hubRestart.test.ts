/**
 * The hub process killed (SIGKILL: no close frames) while one call rings and another is
 * connected, then started again on the same port: four real softphones must show it, keep their
 * calls meanwhile, end them once back (the new hub knows nothing of them), each with a reason,
 * free every line, and come back on their own.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, spawnReady, testEnvironment, type Spawned } from '../../e2e/support/processes.js';
import type { AppState } from '../../shared/ipc/contract.js';
import { createSoftphone, type Softphone } from './softphone.js';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function startHubProcess(env: NodeJS.ProcessEnv, port: number): Promise<Spawned> {
  return spawnReady('electron/core/hub/cli.ts', ['--port', String(port)], env, /^ws:\/\/127\.0\.0\.1:\d+\/?$/).then((hub) => {
    cleanup.push(() => hub.stop());
    return hub;
  });
}

async function phone(env: NodeJS.ProcessEnv, hubUrl: string, userID: string): Promise<Softphone> {
  const softphone = await createSoftphone({ env, dataDir: mkdtempSync(join(tmpdir(), 'switchboard-restart-')), hubUrl, userID });
  cleanup.push(() => softphone.dispose());
  return softphone;
}

function waitFor(softphone: Softphone, what: string, test: (state: AppState) => boolean, timeoutMs = 20_000): Promise<AppState> {
  return new Promise((resolve, reject) => {
    if (test(softphone.state)) return resolve(softphone.state);
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`${softphone.state.user}: no ${what} within ${timeoutMs} ms: ${JSON.stringify(softphone.state)}`));
    }, timeoutMs);
    const stop = softphone.onState((state) => {
      if (!test(state)) return;
      clearTimeout(timer);
      stop();
      resolve(state);
    });
  });
}

const online = (state: AppState): boolean => state.connection.status === 'online';

describe('the hub killed and restarted', () => {
  it('mid-ring and mid-call: offline shown, the calls kept meanwhile, then back online each ends with a reason, lines freed, and a new call goes through', async () => {
    const env = testEnvironment();
    const port = await freePort();
    const url = `ws://127.0.0.1:${port}`;
    const hub = await startHubProcess(env, port);
    const [alice, bob, carol, dave] = await Promise.all(['alice', 'bob', 'carol', 'dave'].map((user) => phone(env, url, user)));
    await Promise.all([alice, bob, carol, dave].map((softphone) => waitFor(softphone!, 'online', online)));

    // Mid-ring: alice → bob rings. Mid-call: carol → dave connected.
    expect(await alice!.command({ type: 'dial', userID: 'bob' })).toEqual({ ok: true });
    await waitFor(bob!, 'ringing call', (state) => state.calls[0]?.phase === 'ringing');
    expect(await carol!.command({ type: 'dial', userID: 'dave' })).toEqual({ ok: true });
    const ringingAtDave = await waitFor(dave!, 'ringing call', (state) => state.calls[0]?.phase === 'ringing');
    expect(await dave!.command({ type: 'accept', callID: ringingAtDave.calls[0]!.callID })).toEqual({ ok: true });
    await waitFor(carol!, 'connected call', (state) => state.calls[0]?.phase === 'connected');

    // Each knows the other side of their call, and their presence.
    for (const softphone of [alice, bob, carol, dave]) {
      await waitFor(softphone!, 'presence of the other side', (state) => state.people.length === 1 && state.people[0]!.presence !== 'unknown');
    }

    hub.process.kill('SIGKILL');
    for (const softphone of [alice, bob, carol, dave]) {
      // Cut off, what was known of anyone's presence no longer holds. The calls are kept while the
      // softphones reconnect: the conversation's audio needs no hub, and the invitation may ring on.
      const state = await waitFor(
        softphone!,
        'reconnecting state',
        (s) => s.connection.status === 'reconnecting' && s.calls.length === 1 && s.calls[0]!.reconnecting === true && s.people.every((person) => person.presence === 'unknown'),
      );
      expect(state.connection.error).toBeTruthy();
      expect(state.connection.retryAt).toBeGreaterThan(0);
      expect(state.outcomes).toEqual([]);
    }

    await startHubProcess(env, port);
    await Promise.all([alice, bob, carol, dave].map((softphone) => waitFor(softphone!, 'online again', online)));
    // The restarted hub knows nothing of the calls: each ends, saying why, and where it was.
    const expected = { alice: 'failed', bob: 'missed', carol: 'answered', dave: 'answered' } as const;
    for (const [user, softphone] of [['alice', alice], ['bob', bob], ['carol', carol], ['dave', dave]] as const) {
      const state = await waitFor(softphone!, 'the kept call ended', (s) => s.calls.length === 0);
      expect(state.history[0]).toMatchObject({ outcome: expected[user], detail: 'the connection was lost' });
      const told = expected[user] === 'answered' ? { kind: 'ended', text: 'the connection was lost' } : expected[user] === 'failed' ? { kind: 'unanswered' } : null;
      expect(state.outcomes).toEqual(told ? [expect.objectContaining(told)] : []);
    }
    // Nobody is lost: the caller cut off mid-call waits in dave's Callbacks, as the missed one in bob's.
    expect(dave!.state.callbacks).toEqual([expect.objectContaining({ peer: 'carol', attempts: 1, reason: 'cut off: the connection was lost' })]);
    expect(bob!.state.callbacks).toEqual([expect.objectContaining({ peer: 'alice', attempts: 1 })]);
    expect(carol!.state.callbacks).toEqual([]);
    // Followed again after the sign-in: presence is known again.
    for (const softphone of [alice, bob, carol, dave]) {
      await waitFor(softphone!, 'presence known again', (state) => state.people.every((person) => person.presence !== 'unknown'));
    }
    expect(await alice!.command({ type: 'dial', userID: 'bob' })).toEqual({ ok: true });
    const again = await waitFor(bob!, 'ringing call after the restart', (state) => state.calls[0]?.phase === 'ringing');
    expect(await bob!.command({ type: 'accept', callID: again.calls[0]!.callID })).toEqual({ ok: true });
    await waitFor(alice!, 'connected call after the restart', (state) => state.calls[0]?.phase === 'connected');
    expect(await alice!.command({ type: 'hangUp', callID: again.calls[0]!.callID })).toEqual({ ok: true });
    await waitFor(bob!, 'hang-up', (state) => state.calls.length === 0);
    expect(alice!.state.calls).toEqual([]);
  }, 60_000);
});
