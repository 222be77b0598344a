import { describe, expect, it } from 'vitest';
import type { CallbackEntry, CallView } from '../../../shared/ipc/contract.js';
import { CallbackOffer } from './callbackOffer.js';

const waiting = (peer: string, lastAt: number, calledBack?: CallbackEntry['calledBack']): CallbackEntry => ({
  peer, attempts: 1, firstAt: lastAt, lastAt, reason: 'turned away (line limit)', ...(calledBack ? { calledBack } : {}),
});
/** Only what the offer reads of a call: how many lines are taken, and with whom. */
const call = (peer: string, phase: CallView['phase'] = 'connected', held = false): CallView => ({ peer, phase, media: { held, muted: false, heldBy: [] } }) as unknown as CallView;

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

  it('offers nobody while a caller rings here or waits on hold: they come first, and the offer waits for them', () => {
    const ann = waiting('ann', 1000);
    const ringingHere = new CallbackOffer();
    ringingHere.update([call('carol'), call('dee', 'ringing'), call('eve')], 3, [ann]);
    expect(ringingHere.update([call('dee', 'ringing'), call('eve')], 3, [ann])).toBeNull();
    // dee answered: a line is still free, and ann is offered now.
    expect(ringingHere.update([call('dee'), call('eve')], 3, [ann])?.peer).toBe('ann');
    const onHold = new CallbackOffer();
    onHold.update([call('carol'), call('dee', 'connected', true)], 3, [ann]);
    expect(onHold.update([call('dee', 'connected', true)], 3, [ann])).toBeNull();
    // Resumed, it is a conversation like any other: the next line that frees offers ann.
    onHold.update([call('carol'), call('dee')], 3, [ann]);
    expect(onHold.update([call('dee')], 3, [ann])?.peer).toBe('ann');
  });
});
