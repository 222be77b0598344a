import { describe, expect, it } from 'vitest';
import { cardKeyAction, type CardKey } from './cardKeys.js';

const key = (name: string, more: Partial<CardKey> = {}): CardKey => ({ key: name, repeat: false, onButton: false, ...more });

describe('cardKeyAction', () => {
  it('swallows Enter, Space and Esc in a card the person has not clicked, even on a focused button', () => {
    for (const name of ['Enter', ' ', 'Escape']) {
      expect(cardKeyAction(false, key(name))).toBe('block');
      expect(cardKeyAction(false, key(name, { onButton: true }))).toBe('block');
    }
  });

  it('leaves every other key alone (Tab still moves between the buttons)', () => {
    expect(cardKeyAction(false, key('Tab'))).toBe('default');
    expect(cardKeyAction(true, key('a'))).toBe('default');
  });

  it('accepts on Enter and declines on Esc once the person clicked in the card', () => {
    expect(cardKeyAction(true, key('Enter'))).toBe('accept');
    expect(cardKeyAction(true, key('Escape'))).toBe('decline');
    expect(cardKeyAction(true, key('Escape', { onButton: true }))).toBe('decline');
  });

  it('lets Enter and Space on a focused button press that button', () => {
    expect(cardKeyAction(true, key('Enter', { onButton: true }))).toBe('default');
    expect(cardKeyAction(true, key(' ', { onButton: true }))).toBe('default');
    expect(cardKeyAction(true, key(' '))).toBe('default');
  });

  it('never answers on a held key', () => {
    expect(cardKeyAction(true, key('Enter', { repeat: true }))).toBe('block');
    expect(cardKeyAction(true, key('Escape', { repeat: true }))).toBe('block');
  });
});
