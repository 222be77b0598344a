import { describe, expect, it } from 'vitest';
import { MainWindowSummons } from './summons.js';

describe('MainWindowSummons', () => {
  it('answers a request made during start-up once the main window exists, and only once', () => {
    const summons = new MainWindowSummons();
    let shown = 0;
    summons.request();
    summons.request();
    expect(shown).toBe(0);
    summons.attach(() => shown++);
    expect(shown).toBe(1);
  });

  it('shows the window at once when it already exists, and not before it is asked for', () => {
    const summons = new MainWindowSummons();
    let shown = 0;
    summons.attach(() => shown++);
    expect(shown).toBe(0);
    summons.request();
    expect(shown).toBe(1);
  });
});
