import { describe, expect, it } from 'vitest';
import { readView } from './view.js';

describe('readView', () => {
  it('recognises the incoming window only with a call id', () => {
    expect(readView('?view=incoming&callID=c7')).toEqual({ kind: 'incoming', callID: 'c7' });
    expect(readView('?view=incoming')).toEqual({ kind: 'app' });
    expect(readView('')).toEqual({ kind: 'app' });
  });
});
