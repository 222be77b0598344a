import { describe, expect, it } from 'vitest';
import type { CallbackEntry, CallView } from '../../../shared/ipc/contract.js';
import { CallbackOffer } from './callbackOffer.js';

const waiting = (peer: string, lastAt: number, calledBack?: CallbackEntry['calledBack']): CallbackEntry => ({
  peer, attempts: 1, firstAt: lastAt, lastAt, reason: 'turned away (line limit)', ...(calledBack ? { calledBack } : {}),
});
/** Only what the offer reads of a call: how many lines are taken, and with whom. */
const call = (peer: string): CallView => ({ peer }) as CallView;

describe('CallbackOffer', () => {
  it('offers the longest-waiting caller when a line frees, but not one a call back missed since they last rang', () => {
    const offer = new CallbackOffer();
    const ann = waiting('ann', 1000);
    const dee = waiting('dee', 2000);
    expect(offer.update([call('carol')], 1, [ann, dee])).toBeNull();
    expect(offer.update([], 1, [ann, dee])?.peer).toBe('ann');

    // A call back to ann that missed her: the line frees again, and dee is offered, not ann.
    const annTried = waiting('ann', 1000, { at: 3000, detail: 'ann declined' });
    expect(offer.update([call('ann')], 1, [ann, dee])).toBeNull();
    expect(offer.update([], 1, [annTried, dee])?.peer).toBe('dee');

    // Nobody else: no offer at all. Once ann rings again, she is offered as before.
    const fresh = new CallbackOffer();
    fresh.update([call('ann')], 1, [annTried]);
    expect(fresh.update([], 1, [annTried])).toBeNull();
    fresh.update([call('carol')], 1, [annTried]);
    expect(fresh.update([], 1, [{ ...annTried, attempts: 2, lastAt: 4000 }])?.peer).toBe('ann');
  });
});
