import { describe, expect, it } from 'vitest';
import { MainWindowSummons } from './summons.js';

describe('MainWindowSummons', () => {
  it('answers a request made during start-up once the main window exists, and only once', () => {
    const summons = new MainWindowSummons();
    let shown = 0;
    summons.request();
    summons.request();
    expect(shown).toBe(0);
    summons.attach(() => shown++, () => undefined);
    expect(shown).toBe(1);
  });

  it('shows the window at once when it already exists, and not before it is asked for', () => {
    const summons = new MainWindowSummons();
    let shown = 0;
    summons.attach(() => shown++, () => undefined);
    expect(shown).toBe(0);
    summons.request();
    expect(shown).toBe(1);
  });

  it('tells the user that a second start with flags of ours changed nothing, as soon as the window exists', () => {
    const summons = new MainWindowSummons();
    const told: string[] = [];
    let shown = 0;
    // From a work tree: [electron, '.', ...flags], with a switch of Chromium's among them.
    summons.request(['/usr/lib/electron/electron', '.', '--user', 'bob', '--no-sandbox', '--hub=ws://10.0.0.2:7000']);
    summons.attach(() => shown++, (text) => told.push(text));
    expect(shown).toBe(1);
    expect(told).toEqual([
      'Switchboard was started again with --user bob --hub ws://10.0.0.2:7000, while it was running: it goes on as it was. To use them, quit Switchboard and start it with them, or run another instance beside this one with --profile NAME.',
    ]);
    summons.request(['/opt/Switchboard/switchboard', '--incoming-limit']);
    expect(told[1]).toMatch(/^Switchboard was started again with --incoming-limit, while it was running/);
    // A plain second start, or a Dock click, only brings the window forward.
    summons.request(['/opt/Switchboard/switchboard', '--enable-logging']);
    summons.request();
    expect(told).toHaveLength(2);
    expect(shown).toBe(4);
  });
});
