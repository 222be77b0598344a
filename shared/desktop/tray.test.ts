import { describe, expect, it } from 'vitest';
import { trayView, type TrayItem, type TrayState } from './tray.js';

type Call = TrayState['calls'][number];
const ringing = (callID: string, peer: string, since: number): Call => ({ callID, peer, phase: 'ringing', since });
const connected = (callID: string, peer: string): Call => ({ callID, peer, phase: 'connected', since: 1 });

function state(overrides: Partial<TrayState> = {}): TrayState {
  return { user: 'bob', connection: { status: 'online' }, limits: { incoming: 3, outgoing: 1 }, dnd: false, calls: [], callbacks: [], ...overrides };
}

const labels = (items: TrayItem[]): string[] => items.map((item) => (item.kind === 'separator' ? '---' : item.label));

describe('trayView', () => {
  it('says how many lines are in use and how many ring, exactly', () => {
    const view = trayView(state({ calls: [connected('k1', 'carol'), ringing('c1', 'alice', 10)] }));
    expect(view.tooltip).toBe('2 of 3 lines, 1 ringing');
    expect(trayView(state()).tooltip).toBe('0 of 3 lines');
  });

  it('counts the callers waiting for a call back in the tooltip and the badge, and shows none signed out', () => {
    const waiting = state({ callbacks: [{}, {}], calls: [ringing('c1', 'ann', 10)] });
    expect(trayView(waiting)).toMatchObject({ tooltip: '1 of 3 lines, 1 ringing, 2 waiting for a call back', badge: 2 });
    expect(trayView(state()).badge).toBe(0);
    expect(trayView({ ...waiting, user: null, connection: { status: 'signed-out' } }).badge).toBe(0);
  });

  it('adds do not disturb and a connection that is not online to the tooltip', () => {
    expect(trayView(state({ dnd: true, connection: { status: 'offline' } })).tooltip).toBe('0 of 3 lines, do not disturb, offline');
    expect(trayView(state({ connection: { status: 'connecting' } })).tooltip).toBe('0 of 3 lines, connecting');
    expect(trayView(state({ user: null, connection: { status: 'signed-out' } })).tooltip).toBe('Signed out');
  });

  it('picks the icon: ringing over do not disturb over in a call over idle', () => {
    expect(trayView(state()).icon).toBe('idle');
    expect(trayView(state({ calls: [connected('k1', 'carol')] })).icon).toBe('in-call');
    expect(trayView(state({ dnd: true, calls: [connected('k1', 'carol')] })).icon).toBe('dnd');
    expect(trayView(state({ dnd: true, calls: [connected('k1', 'carol'), ringing('c1', 'alice', 1)] })).icon).toBe('ringing');
  });

  it('lists each ringing call, oldest first, with Accept and Decline, then DND, Show and Quit', () => {
    const view = trayView(state({ calls: [ringing('c2', 'dave', 20), connected('k1', 'carol'), ringing('c1', 'alice', 10)] }));
    expect(labels(view.items)).toEqual([
      '3 of 3 lines, 2 ringing',
      '---',
      'Accept call from alice',
      'Decline call from alice',
      'Accept call from dave',
      'Decline call from dave',
      '---',
      'Do not disturb',
      'Show Switchboard',
      'Quit Switchboard',
    ]);
    expect(view.items[2]).toEqual({ kind: 'action', label: 'Accept call from alice', action: { type: 'accept', callID: 'c1' } });
    expect(view.items[5]).toMatchObject({ action: { type: 'decline', callID: 'c2' } });
  });

  it('offers no Accept or Decline for a call kept through a lost connection, which waits to be answered until it is back', () => {
    const kept = { ...ringing('c1', 'alice', 10), reconnecting: true };
    const items = labels(trayView(state({ calls: [kept, ringing('c2', 'dave', 20)] })).items);
    expect(items).toContain('Accept call from dave');
    expect(items.filter((label) => label.includes('alice'))).toEqual([]);
  });

  it('has no call section when nothing rings', () => {
    expect(labels(trayView(state({ calls: [connected('k1', 'carol')] })).items)).toEqual([
      '1 of 3 lines',
      '---',
      'Do not disturb',
      'Show Switchboard',
      'Quit Switchboard',
    ]);
  });

  it('toggles do not disturb to the opposite of what it is', () => {
    const dndItem = (view: ReturnType<typeof trayView>) => view.items.find((item) => item.kind === 'checkbox');
    expect(dndItem(trayView(state()))).toMatchObject({ checked: false, action: { type: 'setDnd', enabled: true } });
    expect(dndItem(trayView(state({ dnd: true })))).toMatchObject({ checked: true, action: { type: 'setDnd', enabled: false } });
  });
});
