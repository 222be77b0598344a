import { describe, expect, it } from 'vitest';
import { NO_STATE, notificationsFor, type NotifyState } from './notifications.js';

type Call = NotifyState['calls'][number];
const ringing = (callID: string, peer: string, since = 10): Call => ({ callID, peer, phase: 'ringing', since });
const connected = (callID: string, peer: string): Call => ({ callID, peer, phase: 'connected', since: 5 });
const busy = (id: number, text: string) => ({ id, kind: 'busy' as const, text });

function state(calls: Call[] = [], notices: NotifyState['notices'] = []): NotifyState {
  return { limits: { incoming: 3, outgoing: 1 }, calls, notices };
}

const ANSWERS = [
  { label: 'Accept', answer: 'accept' },
  { label: 'Decline', answer: 'decline' },
];
const away = { mainFocused: false };
const focused = { mainFocused: true };

describe('notificationsFor', () => {
  it('announces a call that starts ringing, with Accept and Decline and the lines in use', () => {
    const plan = notificationsFor(state([connected('k1', 'carol')]), state([connected('k1', 'carol'), ringing('c1', 'alice')]), focused);
    expect(plan).toEqual({
      show: [
        {
          kind: 'incoming',
          callID: 'c1',
          title: 'Incoming call from alice',
          body: '2 of 3 lines in use',
          actions: ANSWERS,
          silent: false,
        },
      ],
      withdraw: [],
    });
  });

  it("names the caller by the display name their invitation carried, beside their user ID", () => {
    const named = { ...ringing('c1', 'ann'), peerName: 'Ann Lee' };
    const [spec] = notificationsFor(NO_STATE, state([named]), away).show;
    expect(spec).toMatchObject({ title: 'Incoming call from Ann Lee (ann)' });
  });

  it('says a priority caller\'s call is one: it rang through do not disturb or full lines, beyond the limit', () => {
    const calls = [connected('k1', 'carol'), connected('k2', 'dan'), connected('k3', 'erin'), { ...ringing('c1', 'supervisor'), priority: true }];
    const [spec] = notificationsFor(NO_STATE, state(calls), away).show;
    expect(spec).toMatchObject({ title: 'Priority call from supervisor', body: '4 lines in use, limit 3' });
  });

  it('announces each new call once, oldest first, and never again while it rings', () => {
    const first = state([ringing('c1', 'alice', 10)]);
    const second = state([ringing('c3', 'erin', 30), ringing('c1', 'alice', 10), ringing('c2', 'dave', 20)]);
    expect(notificationsFor(NO_STATE, first, away).show.map((spec) => spec.kind === 'incoming' && spec.callID)).toEqual(['c1']);
    expect(notificationsFor(first, second, away).show.map((spec) => spec.kind === 'incoming' && spec.callID)).toEqual(['c2', 'c3']);
    expect(notificationsFor(second, second, away).show).toEqual([]);
  });

  it('withdraws the notification of a call that stopped ringing: answered, declined or gone', () => {
    const before = state([ringing('c1', 'alice'), ringing('c2', 'dave'), ringing('c3', 'erin')]);
    const after = state([connected('c1', 'alice'), ringing('c3', 'erin')]);
    expect(notificationsFor(before, after, away).withdraw).toEqual(['c1', 'c2']);
  });

  it('replaces, silently, the notification of a call kept ringing through a lost connection: no buttons until back', () => {
    const rings = state([ringing('c1', 'alice'), ringing('c2', 'dave')]);
    const adrift = state([{ ...ringing('c1', 'alice'), reconnecting: true }, { ...ringing('c2', 'dave'), reconnecting: true }]);
    const lost = notificationsFor(rings, adrift, away);
    expect(lost.withdraw).toEqual(['c1', 'c2']);
    expect(lost.show).toEqual([
      { kind: 'incoming', callID: 'c1', title: 'Incoming call from alice', body: 'Reconnecting: answer once back', actions: [], silent: true },
      { kind: 'incoming', callID: 'c2', title: 'Incoming call from dave', body: 'Reconnecting: answer once back', actions: [], silent: true },
    ]);
    expect(notificationsFor(adrift, adrift, away)).toEqual({ show: [], withdraw: [] });

    const back = state([ringing('c1', 'alice')]);
    const plan = notificationsFor(adrift, back, away);
    expect(plan.withdraw).toEqual(['c2', 'c1']);
    expect(plan.show).toEqual([
      {
        kind: 'incoming',
        callID: 'c1',
        title: 'Incoming call from alice',
        body: '1 of 3 lines in use',
        actions: ANSWERS,
        silent: true,
      },
    ]);
  });

  it('announces, with its sound, a call first seen while reconnecting, without buttons', () => {
    const [spec] = notificationsFor(NO_STATE, state([{ ...ringing('c1', 'alice'), reconnecting: true }]), away).show;
    expect(spec).toMatchObject({ callID: 'c1', body: 'Reconnecting: answer once back', actions: [], silent: false });
  });

  it('tells of a busy outcome while the main window is not focused, once', () => {
    const before = state([], [busy(4, 'carol is busy — call limit reached')]);
    const after = state([], [busy(4, 'carol is busy — call limit reached'), busy(7, 'dave is busy — do not disturb')]);
    expect(notificationsFor(before, after, away).show).toEqual([
      { kind: 'busy', noticeId: 7, title: 'Call turned away', body: 'dave is busy — do not disturb' },
    ]);
    expect(notificationsFor(after, after, away).show).toEqual([]);
  });

  it('leaves busy outcomes to the main window when it is focused, and other notices to it always', () => {
    const after = state([], [busy(7, 'dave is busy — do not disturb')]);
    expect(notificationsFor(NO_STATE, after, focused).show).toEqual([]);
    const info = state([], [{ id: 8, kind: 'info', text: 'signed in' }, { id: 9, kind: 'error', text: 'hub unreachable' }]);
    expect(notificationsFor(NO_STATE, info, away).show).toEqual([]);
  });
});
