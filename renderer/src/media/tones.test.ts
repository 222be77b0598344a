import { describe, expect, it, vi } from 'vitest';
import { Tones, ringingFor } from './tones.js';

describe('ringingFor', () => {
  it('rings while a call rings and none is connected, beeps call-waiting while one is, and is quiet otherwise', () => {
    expect(ringingFor([])).toBeNull();
    expect(ringingFor([{ phase: 'calling' }, { phase: 'connected' }])).toBeNull();
    expect(ringingFor([{ phase: 'ringing' }])).toBe('ring');
    expect(ringingFor([{ phase: 'ringing' }, { phase: 'calling' }])).toBe('ring');
    expect(ringingFor([{ phase: 'connected' }, { phase: 'ringing' }])).toBe('waiting');
  });
});

describe('Tones', () => {
  it('lets go of the window when disposed: the listeners that wait for a gesture are removed', () => {
    const added = vi.spyOn(window, 'addEventListener');
    const tones = new Tones();
    const signals = added.mock.calls.map(([, , options]) => (typeof options === 'object' ? options.signal : undefined));
    added.mockRestore();
    expect(signals.length).toBeGreaterThan(0);
    expect(signals.map((signal) => signal?.aborted)).toEqual(signals.map(() => false));
    tones.dispose();
    expect(signals.map((signal) => signal?.aborted)).toEqual(signals.map(() => true));
  });
});
