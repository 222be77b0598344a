import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CloseToTray, type HideableWindow } from './closeToTray.js';

class FakeWindow extends EventEmitter implements HideableWindow {
  hidden = false;
  hide(): void {
    this.hidden = true;
  }

  /** What Electron does on a close click: emits close, and destroys the window unless prevented. */
  userCloses(): 'destroyed' | 'kept' {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    return prevented ? 'kept' : 'destroyed';
  }
}

describe('CloseToTray', () => {
  it('hides the main window instead of destroying it, so its page and the calls\u2019 audio live on', () => {
    const rule = new CloseToTray();
    const window = new FakeWindow();
    rule.keep(window);
    expect(window.userCloses()).toBe('kept');
    expect(window.hidden).toBe(true);
    expect(window.userCloses()).toBe('kept');
  });

  it('lets the window close once the app is quitting', () => {
    const rule = new CloseToTray();
    const window = new FakeWindow();
    rule.keep(window);
    rule.quitting();
    expect(window.userCloses()).toBe('destroyed');
    expect(window.hidden).toBe(false);
  });
});
