import { EventEmitter } from 'node:events';
import type { Rectangle } from 'electron';
import { describe, expect, it } from 'vitest';
import { MainWindow, type AppWindow } from './mainWindow.js';

/** A window that closes at once and remembers what was done to it. */
class FakeWindow extends EventEmitter implements AppWindow {
  minimized = false;
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
  }
  focus(): void {}
  close(): void {
    this.emit('close');
    this.emit('closed');
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
  it('opens again on demand after it was closed, and restores a minimized window when brought forward', () => {
    const { main, created } = setUp();
    main.open();
    created[0]!.close();
    main.focus();
    expect(created).toHaveLength(2);
    created[1]!.minimized = true;
    main.focus();
    expect(created[1]!.minimized).toBe(false);
    expect(created).toHaveLength(2);
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
