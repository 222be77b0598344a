import { EventEmitter } from 'node:events';
import type { Rectangle } from 'electron';
import { describe, expect, it } from 'vitest';
import { MainWindow, type AppWindow } from './mainWindow.js';

/** A window that closes as Electron's does (unless the close event is prevented) and remembers what was done to it. */
class FakeWindow extends EventEmitter implements AppWindow {
  minimized = false;
  hidden = false;
  shown = 0;
  normalBounds: Rectangle = { x: 100, y: 80, width: 1024, height: 720 };
  getNormalBounds(): Rectangle {
    return this.normalBounds;
  }
  isFocused(): boolean {
    return false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  show(): void {
    this.shown++;
    this.hidden = false;
  }
  hide(): void {
    this.hidden = true;
  }
  focus(): void {}
  /** A close click, or quitting: 'kept' when the close was prevented. */
  close(): 'destroyed' | 'kept' {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (prevented) return 'kept';
    this.emit('closed');
    return 'destroyed';
  }
}

function setUp() {
  const created: FakeWindow[] = [];
  const main = new MainWindow(() => {
    const window = new FakeWindow();
    created.push(window);
    return window;
  }, () => undefined);
  return { main, created };
}

describe('MainWindow', () => {
  it('hides on close instead of being destroyed (its page carries the calls\u2019 audio), and comes back when brought forward', () => {
    const { main, created } = setUp();
    main.open();
    expect(created[0]!.close()).toBe('kept');
    expect(created[0]!.hidden).toBe(true);
    expect(main.current).toBe(created[0]);
    main.focus();
    expect(created).toHaveLength(1);
    expect(created[0]!.hidden).toBe(false);
    created[0]!.minimized = true;
    main.focus();
    expect(created[0]!.minimized).toBe(false);
  });

  it('lets the window close once the app is quitting', () => {
    const { main, created } = setUp();
    main.open();
    main.quit();
    expect(created[0]!.close()).toBe('destroyed');
    expect(main.current).toBeNull();
  });

  it('places the stack by the normal bounds, also after it was closed (a minimized window may be off screen)', () => {
    const { main, created } = setUp();
    main.open();
    created[0]!.normalBounds = { x: 2000, y: 50, width: 800, height: 600 };
    expect(main.bounds).toEqual({ x: 2000, y: 50, width: 800, height: 600 });
    created[0]!.close();
    expect(main.bounds).toEqual({ x: 2000, y: 50, width: 800, height: 600 });
  });

  it('never opens once quitting has begun: a second start or a notification click during quit opens nothing', () => {
    const { main, created } = setUp();
    main.open();
    main.quit();
    created[0]!.close();
    main.focus();
    expect(main.open()).toBeNull();
    expect(created).toHaveLength(1);
  });
});
