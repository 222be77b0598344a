import { describe, expect, it } from 'vitest';
import { newestRinging, ringingInArrivalOrder, type RingingFields } from './ringing.js';

const call = (callID: string, since: number, phase: RingingFields['phase'] = 'ringing'): RingingFields => ({ callID, since, phase });

describe('ringingInArrivalOrder', () => {
  it('keeps the ringing calls only, oldest first', () => {
    const calls = [call('c3', 30), call('o1', 5, 'calling'), call('c1', 10), call('k', 1, 'connected'), call('c2', 20)];
    expect(ringingInArrivalOrder(calls).map((c) => c.callID)).toEqual(['c1', 'c2', 'c3']);
  });

  it("keeps the state's order for calls that arrived in the same millisecond", () => {
    expect(ringingInArrivalOrder([call('b', 10), call('a', 10)]).map((c) => c.callID)).toEqual(['b', 'a']);
  });
});

describe('newestRinging', () => {
  it('is the call that started ringing last', () => {
    expect(newestRinging([call('c2', 20), call('c3', 30), call('c1', 10)])?.callID).toBe('c3');
  });

  it('ignores a newer call that is no longer ringing, and is null when nothing rings', () => {
    expect(newestRinging([call('c1', 10), call('c2', 99, 'connected')])?.callID).toBe('c1');
    expect(newestRinging([call('o1', 5, 'dialing')])).toBeNull();
  });
});
