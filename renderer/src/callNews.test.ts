import { describe, expect, it } from 'vitest';
import { callNews } from './callNews.js';
import { makeCall } from './testing/fixtures.js';

const connected = (call: Omit<Parameters<typeof makeCall>[0], 'phase'>) => makeCall({ ...call, phase: 'connected' });

describe('callNews', () => {
  it('tells an answer, someone joining or leaving, a hand-over, and hold both ways', () => {
    const calling = makeCall({ callID: 'c1', peer: 'bob', phase: 'calling', direction: 'outgoing' });
    expect(callNews([calling], [connected({ callID: 'c1', peer: 'bob', direction: 'outgoing' })], 3)).toEqual(['bob answered']);

    const withAlice = connected({ callID: 'c2', peer: 'alice', participants: [{ userID: 'alice', state: 'joined' }, { userID: 'carol', state: 'ringing' }] });
    const joined = connected({ callID: 'c2', peer: 'alice', participants: [{ userID: 'alice', state: 'joined' }, { userID: 'carol', state: 'joined' }] });
    expect(callNews([withAlice], [joined], 3)).toEqual(['carol joined your call with alice']);

    const handedOver = connected({ callID: 'c2', peer: 'carol', participants: [{ userID: 'alice', state: 'left' }, { userID: 'carol', state: 'joined' }] });
    expect(callNews([joined], [handedOver], 3)).toEqual(['alice left the call', 'Your call is now with carol']);

    const held = connected({ callID: 'c3', peer: 'dave', media: { held: true, muted: false, heldBy: [] } });
    const live = connected({ callID: 'c3', peer: 'dave' });
    expect(callNews([live], [held], 3)).toEqual(['Call with dave on hold']);
    expect(callNews([held], [live], 3)).toEqual(['Call with dave resumed']);
    const heldByDave = connected({ callID: 'c3', peer: 'dave', media: { held: false, muted: false, heldBy: ['dave'] } });
    expect(callNews([live], [heldByDave], 3)).toEqual(['dave put you on hold']);
    expect(callNews([heldByDave], [live], 3)).toEqual(['dave took you off hold']);
  });

  it('tells the lines only when they fill up or free again, and nothing else changes it', () => {
    const ringing = (n: number) => Array.from({ length: n }, (_, index) => makeCall({ callID: `r${index}`, peer: `p${index}`, phase: 'ringing' }));
    expect(callNews(ringing(1), ringing(2), 3)).toEqual([]);
    expect(callNews(ringing(2), ringing(3), 3)).toEqual(['All 3 lines in use: new calls are turned away']);
    expect(callNews(ringing(3), ringing(3), 3)).toEqual([]);
    expect(callNews(ringing(3), ringing(2), 3)).toEqual(['A line is free again']);
  });
});
