import { describe, expect, it } from 'vitest';
import { acceleratorProblem, sameAccelerator } from './accelerator.js';

describe('acceleratorProblem', () => {
  it('accepts the defaults and other usual global shortcuts', () => {
    for (const accelerator of ['CommandOrControl+Shift+A', 'CmdOrCtrl+Shift+D', 'Alt+F4', 'Ctrl+Alt+Plus', 'Super+Space', 'F13', 'Shift+F9', 'MediaPlayPause', 'Ctrl+/', 'Control+num5']) {
      expect(acceleratorProblem(accelerator), accelerator).toBeNull();
    }
  });

  it('refuses a key that is typed everywhere without a modifier, or with Shift only', () => {
    expect(acceleratorProblem('A')).toMatch(/typed in every other application/);
    expect(acceleratorProblem('Shift+A')).toMatch(/typed in every other application/);
    expect(acceleratorProblem('Enter')).toMatch(/typed in every other application/);
  });

  it('refuses what Electron could not parse, naming the part', () => {
    expect(acceleratorProblem('Ctrl+Hyper+A')).toBe('"Ctrl+Hyper+A": "hyper" is not a modifier');
    expect(acceleratorProblem('Ctrl+Shift+AB')).toBe('"Ctrl+Shift+AB": "AB" is not a key');
    expect(acceleratorProblem('Ctrl++')).toBe('"Ctrl++" has an empty part');
    expect(acceleratorProblem('')).toBe('"" has an empty part');
    expect(acceleratorProblem('Ctrl+ctrl+A')).toBe('"Ctrl+ctrl+A" repeats a modifier');
    expect(acceleratorProblem('Ctrl+F25')).toBe('"Ctrl+F25": "F25" is not a key');
  });
});

describe('sameAccelerator', () => {
  it('knows one key combination however it is written', () => {
    expect(sameAccelerator('Alt+Ctrl+F9', 'Ctrl+Alt+F9')).toBe(true);
    expect(sameAccelerator('Control+F9', 'ctrl+f9')).toBe(true);
    expect(sameAccelerator('CmdOrCtrl+Shift+A', 'Control+Shift+A')).toBe(true);
    expect(sameAccelerator('Alt+Esc', 'Option+Escape')).toBe(true);
    expect(sameAccelerator('Ctrl+F9', 'Ctrl+Shift+F9')).toBe(false);
    expect(sameAccelerator('Ctrl+F9', 'Ctrl+F10')).toBe(false);
  });
});
