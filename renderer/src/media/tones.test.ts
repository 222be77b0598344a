import { describe, expect, it } from 'vitest';
import { ringingFor } from './tones.js';

describe('ringingFor', () => {
  it('rings while a call rings and none is connected, beeps call-waiting while one is, and is quiet otherwise', () => {
    expect(ringingFor([])).toBeNull();
    expect(ringingFor([{ phase: 'calling' }, { phase: 'connected' }])).toBeNull();
    expect(ringingFor([{ phase: 'ringing' }])).toBe('ring');
    expect(ringingFor([{ phase: 'ringing' }, { phase: 'calling' }])).toBe('ring');
    expect(ringingFor([{ phase: 'connected' }, { phase: 'ringing' }])).toBe('waiting');
  });
});
