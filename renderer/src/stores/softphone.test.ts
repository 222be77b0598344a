import { flushPromises } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { effectScope, watchEffect } from 'vue';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Command } from '../../../shared/ipc/contract.js';
import { FakeBridge } from '../testing/fakeBridge.js';
import { makeCall, makeCallback, makeHistoryEntry, makeState, NOW } from '../testing/fixtures.js';
import { callSlot, useSoftphoneStore } from './softphone.js';

function setup() {
  const bridge = new FakeBridge();
  const store = useSoftphoneStore();
  store.connect(bridge);
  return { bridge, store };
}

describe('useSoftphoneStore', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('keeps the newest snapshot and drops ones whose version is not newer', () => {
    const { bridge, store } = setup();
    const v2 = makeState({ version: 2, user: 'alice' });
    bridge.push(v2);
    bridge.push(makeState({ version: 1, user: 'stale' }));
    bridge.push(makeState({ version: 2, user: 'same-version' }));
    expect(store.state).toBe(v2);

    bridge.push(makeState({ version: 3, user: 'newer' }));
    expect(store.state?.user).toBe('newer');
  });

  it('keeps its history array while pushes carry the same history, and takes the new one when it changes', () => {
    const { bridge, store } = setup();
    const entry = (id: number) => makeHistoryEntry({ id, peer: 'bob', direction: 'incoming', outcome: 'missed', detail: 'missed' });
    bridge.push(makeState({ version: 1, history: [entry(2), entry(1)] }));
    const kept = store.state!.history;
    // Each push arrives as a fresh copy, as it does over IPC.
    bridge.push(makeState({ version: 2, dnd: true, history: [entry(2), entry(1)] }));
    expect(store.state).toMatchObject({ version: 2, dnd: true });
    expect(store.state!.history).toBe(kept);
    bridge.push(makeState({ version: 3, history: [entry(3), entry(2)] }));
    expect(store.state!.history.map((item) => item.id)).toEqual([3, 2]);
  });

  it('takes the new history when the filter changed, and keeps its callbacks while they are the same', () => {
    const { bridge, store } = setup();
    const entry = (id: number) => makeHistoryEntry({ id, peer: 'bob', direction: 'incoming', outcome: 'missed', detail: 'missed' });
    const view = { filter: 'all' as const, search: '', matching: 1, stored: 1 };
    bridge.push(makeState({ version: 1, history: [entry(1)], historyView: view, callbacks: [makeCallback({ peer: 'ann' })] }));
    const keptCallbacks = store.state!.callbacks;
    const keptHistory = store.state!.history;
    // Same newest entry and length, but another filter: a different list.
    bridge.push(makeState({ version: 2, history: [entry(1)], historyView: { ...view, filter: 'missed' }, callbacks: [makeCallback({ peer: 'ann' })] }));
    expect(store.state!.historyView.filter).toBe('missed');
    expect(store.state!.history).not.toBe(keptHistory);
    expect(store.state!.callbacks).toBe(keptCallbacks);
    bridge.push(makeState({ version: 3, callbacks: [makeCallback({ peer: 'ann', attempts: 2 })] }));
    expect(store.state!.callbacks.map((c) => c.attempts)).toEqual([2]);
    // A call back that missed her changes her entry too.
    bridge.push(makeState({ version: 4, callbacks: [makeCallback({ peer: 'ann', attempts: 2, calledBack: { at: 5, detail: 'ann declined' } })] }));
    expect(store.state!.callbacks.map((c) => c.calledBack?.detail)).toEqual(['ann declined']);
  });

  it('drops a getState answer that arrives after a newer push', async () => {
    const bridge = new FakeBridge();
    bridge.push(makeState({ version: 1, user: 'from-get' }));
    const store = useSoftphoneStore();
    store.connect(bridge);
    bridge.push(makeState({ version: 5, user: 'pushed' }));
    await flushPromises();
    expect(store.state?.version).toBe(5);
    expect(store.state?.user).toBe('pushed');
  });

  it('lists the calls on hold longest-waiting first, whatever order they came in', () => {
    const { bridge, store } = setup();
    const onHold = (callID: string, heldSince: number) => makeCall({ callID, peer: callID, phase: 'connected', media: { held: true, muted: false, heldBy: [], heldSince } });
    bridge.push(makeState({ version: 1, calls: [onHold('c1', NOW - 1_000), onHold('c2', NOW - 60_000), makeCall({ callID: 'c3', peer: 'c3', phase: 'connected' }), onHold('c4', NOW - 5_000)] }));
    expect(store.held.map((call) => call.callID)).toEqual(['c2', 'c4', 'c1']);
    expect(store.active.map((call) => call.callID)).toEqual(['c3']);
  });

  it('derives ringing (newest first), outgoing, connected and the line counter', () => {
    const { bridge, store } = setup();
    bridge.push(
      makeState({
        limits: { incoming: 4, outgoing: 2 },
        calls: [
          makeCall({ callID: 'r-old', peer: 'bob', phase: 'ringing', since: NOW - 5000 }),
          makeCall({ callID: 'd1', peer: 'dan', phase: 'dialing' }),
          makeCall({ callID: 'r-new', peer: 'carol', phase: 'ringing', since: NOW }),
          makeCall({ callID: 'c1', peer: 'cal', phase: 'calling' }),
          makeCall({ callID: 'k1', peer: 'kim', phase: 'connected' }),
        ],
      }),
    );
    expect(store.ringing.map((call) => call.callID)).toEqual(['r-new', 'r-old']);
    expect(store.outgoing.map((call) => call.callID)).toEqual(['d1', 'c1']);
    expect(store.connected.map((call) => call.callID)).toEqual(['k1']);
    expect(store.linesUsed).toBe(5);
    expect(store.lineLimit).toBe(4);
  });

  it('sends each action as exactly one command', async () => {
    const { bridge, store } = setup();
    await store.signIn('alice');
    await store.signOut();
    await store.dial('bob');
    await store.dialGroup(['bob', 'carol']);
    await store.invite('c5', 'erin');
    await store.leave('c6');
    await store.cancel('c1');
    await store.accept('c2');
    await store.decline('c3');
    await store.hangUp('c4');
    await store.setLimits(5, 2);
    await store.setDnd(true);
    await store.dismissNotice(7);
    expect(bridge.sent).toEqual<Command[]>([
      { type: 'signIn', userID: 'alice' },
      { type: 'signOut' },
      { type: 'dial', userID: 'bob' },
      { type: 'dialGroup', userIDs: ['bob', 'carol'] },
      { type: 'invite', callID: 'c5', userID: 'erin' },
      { type: 'leave', callID: 'c6' },
      { type: 'cancel', callID: 'c1' },
      { type: 'accept', callID: 'c2' },
      { type: 'decline', callID: 'c3' },
      { type: 'hangUp', callID: 'c4' },
      { type: 'setLimits', incoming: 5, outgoing: 2 },
      { type: 'setDnd', enabled: true },
      { type: 'dismissNotice', id: 7 },
    ]);
  });

  it('records a refused command under the slot of the control that sent it, and clears it on the next try', async () => {
    const { bridge, store } = setup();
    bridge.reply = () => ({ ok: false, error: 'zed is not signed in' });
    expect(await store.dial('zed')).toBe(false);
    expect(await store.accept('c9')).toBe(false);
    expect(store.errors.dial).toBe('zed is not signed in');
    expect(store.errors['call:c9']).toBe('zed is not signed in');
    expect(store.errors.limits).toBeUndefined();

    bridge.reply = () => ({ ok: true });
    expect(await store.dial('bob')).toBe(true);
    expect(store.errors.dial).toBeUndefined();
    expect(store.errors['call:c9']).toBe('zed is not signed in');
  });

  it('shows a group dial’s refusal at the dial box, an invite’s at its call’s "Add to call" form, a leave’s at its call', async () => {
    const { bridge, store } = setup();
    bridge.reply = (command) => ({ ok: false, error: `refused ${command.type}` });
    await store.dialGroup(['bob', 'carol']);
    await store.invite('c1', 'erin');
    await store.leave('c2');
    expect(store.errors).toEqual({ dial: 'refused dialGroup', 'invite:c1': 'refused invite', 'call:c2': 'refused leave' });
  });

  it('keeps no reactive record per call whose error was read: a page that rings for days does not grow', () => {
    const store = useSoftphoneStore();
    const tracked: unknown[] = [];
    // What every ringing card and call panel does: read its own call's slot, then go away.
    const scope = effectScope();
    scope.run(() => {
      for (const callID of ['c1', 'c2', 'c3']) watchEffect(() => void store.errors[callSlot(callID)], { onTrack: (event) => tracked.push(event.key) });
    });
    scope.stop();
    expect(tracked.length).toBeGreaterThan(0);
    expect(tracked.filter((key) => typeof key === 'string' && key.startsWith('call:'))).toEqual([]);
  });

  it('forgets the errors of calls that have ended, and keeps those of calls still going and of the forms', async () => {
    const { bridge, store } = setup();
    bridge.push(makeState({ version: 1, calls: [makeCall({ callID: 'c1', peer: 'bob', phase: 'ringing' }), makeCall({ callID: 'c2', peer: 'carol', phase: 'connected' })] }));
    bridge.reply = (command) => ({ ok: false, error: `refused ${command.type}` });
    await store.decline('c1');
    await store.hold('c2');
    await store.invite('c2', 'erin');
    await store.dial('zed');
    expect(Object.keys(store.errors).sort()).toEqual(['call:c1', 'call:c2', 'dial', 'invite:c2']);

    bridge.push(makeState({ version: 2, calls: [makeCall({ callID: 'c2', peer: 'carol', phase: 'connected' })] }));
    expect(store.errors).toEqual({ 'call:c2': 'refused hold', 'invite:c2': 'refused invite', dial: 'refused dial' });
    bridge.push(makeState({ version: 3, calls: [] }));
    expect(store.errors).toEqual({ dial: 'refused dial' });
  });

  it('turns a bridge failure into the error shown for that control', async () => {
    const { bridge, store } = setup();
    bridge.reply = () => Promise.reject(new Error('Connection to Switchboard lost before "hangUp" was answered'));
    expect(await store.hangUp('c1')).toBe(false);
    expect(store.errors['call:c1']).toBe('Connection to Switchboard lost before "hangUp" was answered');
  });

  it('says so when a command is sent before any bridge is connected', async () => {
    const store = useSoftphoneStore();
    expect(await store.dial('bob')).toBe(false);
    expect(store.errors.dial).toBe('Not connected to Switchboard; "dial" was not sent');
  });

  it('mirrors the link status, and stops listening once disposed', () => {
    const bridge = new FakeBridge();
    const store = useSoftphoneStore();
    const dispose = store.connect(bridge);
    expect(store.link).toEqual({ kind: 'open' });
    bridge.setLink({ kind: 'reconnecting' });
    expect(store.link).toEqual({ kind: 'reconnecting' });

    dispose();
    bridge.setLink({ kind: 'open' });
    bridge.push(makeState({ version: 9 }));
    expect(store.link).toEqual({ kind: 'reconnecting' });
    expect(store.state).toBeNull();
  });
});
