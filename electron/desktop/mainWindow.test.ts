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
  /** Its page: a crash of its renderer is emitted here, and reloads are counted. */
  readonly webContents = Object.assign(new EventEmitter(), { reloads: 0, reload(): void { this.reloads++; } });
  crash(reason: string): void {
    this.webContents.emit('render-process-gone', {}, { reason });
  }
  /** A close click, or quitting: 'kept' when the close was prevented. */
  close(): 'destroyed' | 'kept' {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (prevented) return 'kept';
    this.emit('closed');
    return 'destroyed';
  }
}

function setUp(now: () => number = () => 0) {
  const created: FakeWindow[] = [];
  const logged: string[] = [];
  const main = new MainWindow(() => {
    const window = new FakeWindow();
    created.push(window);
    return window;
  }, () => undefined, (line) => logged.push(line), now);
  return { main, created, logged };
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

  it('reloads its page when the renderer crashes (the calls and their audio live there), and says so; a crash loop is not reloaded again at once', () => {
    let now = 0;
    const { main, created, logged } = setUp(() => now);
    main.open();
    const window = created[0]!;
    window.crash('oom');
    expect(window.webContents.reloads).toBe(1);
    expect(logged).toEqual(['the main window\'s page crashed (oom): reloading it']);
    // Crashing again at once, after that reload: a page that cannot load is left, not reloaded without end.
    now = 5_000;
    window.crash('crashed');
    expect(window.webContents.reloads).toBe(1);
    expect(logged[1]).toMatch(/^the main window's page crashed again \(crashed\) within 30 s of a reload: not reloading it/);
    now = 60_000;
    window.crash('crashed');
    expect(window.webContents.reloads).toBe(2);
    // A renderer that ended cleanly (the window closing at quit) is no crash.
    now = 200_000;
    window.crash('clean-exit');
    expect(window.webContents.reloads).toBe(2);
  });
});
