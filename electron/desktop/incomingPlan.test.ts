import { describe, expect, it } from 'vitest';
import { stackLayout, type StackOptions } from '../../shared/layout/stack.js';
import { planIncoming, type CardCall } from './incomingPlan.js';

const OPTIONS: StackOptions = { card: { width: 300, height: 100 }, moreHeight: 40, gap: 10, maxCards: 3 };
const AREA = { x: 0, y: 0, width: 1280, height: 1000 };
const calls = (...ids: string[]): CardCall[] => ids.map((callID) => ({ callID, peer: `peer-${callID}` }));
const plan = (open: string[], ringing: CardCall[]) => planIncoming(new Set(open), ringing, stackLayout(AREA, ringing.length, OPTIONS));
const ids = (cards: ReturnType<typeof plan>['cards']) => cards.map((card) => `${card.call.callID}${card.isNew ? '+' : ''}@${card.bounds.y}`);

describe('planIncoming', () => {
  it('opens a card per ringing call, oldest lowest', () => {
    const result = plan([], calls('c1', 'c2'));
    expect(ids(result.cards)).toEqual(['c1+@890', 'c2+@780']);
    expect(result).toMatchObject({ close: [], more: null });
  });

  it('opens only the card of a new call, above the others, and leaves those where they are', () => {
    expect(ids(plan(['c1', 'c2'], calls('c1', 'c2', 'c3')).cards)).toEqual(['c1@890', 'c2@780', 'c3+@670']);
  });

  it('past the cap, opens no card for the newest calls and counts them in "+N more"', () => {
    const result = plan(['c1', 'c2', 'c3'], calls('c1', 'c2', 'c3', 'c4', 'c5'));
    expect(ids(result.cards)).toEqual(['c1@890', 'c2@780', 'c3@670']);
    expect(result.more).toEqual({ hidden: 2, bounds: { x: 970, y: 620, width: 300, height: 40 } });
    expect(result.close).toEqual([]);
  });

  it('closes the card of a call that stopped ringing, moves the ones above down, and gives the freed slot to the next call', () => {
    const result = plan(['c1', 'c2', 'c3'], calls('c1', 'c3', 'c4', 'c5'));
    expect(result.close).toEqual(['c2']);
    expect(ids(result.cards)).toEqual(['c1@890', 'c3@780', 'c4+@670']);
    expect(result.more?.hidden).toBe(1);
  });

  it('closes every card once nothing rings', () => {
    expect(plan(['c1', 'c2'], [])).toEqual({ close: ['c1', 'c2'], cards: [], more: null });
  });
});
