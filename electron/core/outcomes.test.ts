import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HistoryEntry } from '../../shared/ipc/contract.js';
import { outcomeText, RecentOutcomes } from './outcomes.js';

const entry = (overrides: Partial<HistoryEntry>): Omit<HistoryEntry, 'id'> => ({
  callID: 'c1', direction: 'outgoing', peer: 'bob', outcome: 'declined', detail: 'bob declined', startedAt: 1, endedAt: 2, ...overrides,
});

const lists: RecentOutcomes[] = [];
afterEach(() => {
  for (const list of lists.splice(0)) list.dispose();
  vi.useRealTimers();
});

describe('call outcomes in place of the call', () => {
  it('tells the caller how a call they placed ended unanswered, in words', () => {
    expect(outcomeText(entry({ outcome: 'declined' }))).toBe('bob declined');
    expect(outcomeText(entry({ outcome: 'no-answer', detail: 'no answer from bob' }))).toBe("bob didn't answer");
    expect(outcomeText(entry({ outcome: 'no-answer', detail: 'no answer from bob' }), { peerOffline: true })).toBe('bob is offline');
    expect(outcomeText(entry({ outcome: 'busy', detail: 'bob was busy' }))).toBe('bob is busy');
    expect(outcomeText(entry({ outcome: 'cancelled', detail: 'cancelled' }))).toBe('cancelled');
    expect(outcomeText(entry({ outcome: 'failed', detail: 'could not be placed' }))).toBe('could not be placed');
    expect(outcomeText(entry({ peer: 'bob, carol', outcome: 'declined', detail: 'bob declined, carol was busy' }))).toBe('bob declined, carol was busy');
  });

  it('says nothing of unanswered incoming calls, nor of a call this user ended', () => {
    expect(outcomeText(entry({ direction: 'incoming', outcome: 'missed' }))).toBeNull();
    expect(outcomeText(entry({ direction: 'incoming', outcome: 'declined' }))).toBeNull();
    expect(outcomeText(entry({ outcome: 'answered', detail: 'you hung up after 0:12' }), { endedHere: true })).toBeNull();
    expect(outcomeText(entry({ direction: 'incoming', outcome: 'answered', detail: 'you left after 1:02' }), { endedHere: true })).toBeNull();
  });

  it('tells why a connected call ended when this user did not end it, in either direction', () => {
    expect(outcomeText(entry({ outcome: 'answered', detail: 'bob hung up after 2:03' }))).toBe('bob hung up after 2:03');
    expect(outcomeText(entry({ direction: 'incoming', outcome: 'answered', detail: 'the connection was lost' }))).toBe('the connection was lost');
  });

  it('drops an outcome after its time however the wall clock moves: set back, it stayed as long again; forward, it went at once', () => {
    // The wall clock (Date) is set by hand; the time that passes (performance.now(), the timers) runs on.
    vi.useFakeTimers({ toFake: ['Date', 'performance', 'setTimeout', 'clearTimeout'] });
    const list = new RecentOutcomes(() => {}, 200);
    lists.push(list);
    list.record(entry({ callID: 'c1' }));
    vi.setSystemTime(Date.now() - 3_600_000);
    vi.advanceTimersByTime(250);
    expect(list.outcomes).toEqual([]);

    list.record(entry({ callID: 'c2' }));
    vi.setSystemTime(Date.now() + 3_600_000);
    list.record(entry({ callID: 'c3' }));
    vi.advanceTimersByTime(150);
    expect(list.outcomes.map((outcome) => outcome.callID)).toEqual(['c2', 'c3']);
    vi.advanceTimersByTime(100);
    expect(list.outcomes).toEqual([]);
  });

  it('keeps each outcome for a while, then drops it and says so', () => {
    // All at one moment, so that they expire together, in one change: the clocks stand still
    // between the records (a real one could lose milliseconds to a collection on a loaded machine).
    vi.useFakeTimers({ toFake: ['Date', 'performance', 'setTimeout', 'clearTimeout'] });
    let changes = 0;
    const list = new RecentOutcomes(() => (changes += 1), 150);
    lists.push(list);
    const now = Date.now();
    list.record(entry({ callID: 'c1' }), {}, now);
    list.record(entry({ callID: 'c2', direction: 'incoming', outcome: 'missed' }), {}, now);
    list.record(entry({ callID: 'c3', direction: 'incoming', outcome: 'answered', detail: 'the connection was lost' }), {}, now);
    list.record(entry({ callID: 'c4', outcome: 'answered', detail: 'you hung up after 0:03' }), { endedHere: true }, now);
    expect(list.outcomes.map((outcome) => [outcome.callID, outcome.kind, outcome.text])).toEqual([
      ['c1', 'unanswered', 'bob declined'],
      ['c3', 'ended', 'the connection was lost'],
    ]);
    vi.advanceTimersByTime(149);
    expect(list.outcomes).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(list.outcomes).toEqual([]);
    expect(changes).toBe(1);
  });

  it('drops at once what was said of a call with someone when a new call with them starts, and only that', () => {
    vi.useFakeTimers({ toFake: ['Date', 'performance', 'setTimeout', 'clearTimeout'] });
    let changes = 0;
    const list = new RecentOutcomes(() => (changes += 1), 150);
    lists.push(list);
    list.record(entry({ callID: 'c1', peer: 'bob', detail: 'bob declined' }));
    list.record(entry({ callID: 'c2', peer: 'ann', detail: 'ann declined' }));
    list.supersede(['carol']);
    expect(list.outcomes.map((outcome) => outcome.peer)).toEqual(['bob', 'ann']);
    list.supersede(['carol', 'bob']);
    expect(list.outcomes.map((outcome) => outcome.peer)).toEqual(['ann']);
    // The one left still goes in its time, once.
    vi.advanceTimersByTime(150);
    expect(list.outcomes).toEqual([]);
    expect(changes).toBe(1);
  });
});
