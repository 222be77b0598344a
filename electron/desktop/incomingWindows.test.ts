/**
 * The incoming-call windows driven through a fake window factory: what opens, moves and closes,
 * and above all that nothing opens once quitting has begun (Electron would never finish quitting).
 */
import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions, Rectangle, VisibleOnAllWorkspacesOptions } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppState, CallView } from '../../shared/ipc/contract.js';
import { IncomingWindows, SETTLE_MS, type StackWindow } from './incomingWindows.js';

/** A window that records what was done to it and closes at once, as a window without a beforeunload does. */
class FakeWindow extends EventEmitter implements StackWindow {
  readonly webContents = new EventEmitter();
  closed = false;
  bounds: Partial<Rectangle>;
  title = '';
  readonly allWorkspaces: Array<VisibleOnAllWorkspacesOptions | undefined> = [];

  constructor(
    readonly kind: 'card' | 'more',
    readonly options: BrowserWindowConstructorOptions,
    readonly callID?: string,
  ) {
    super();
    this.bounds = { x: options.x, y: options.y, width: options.width, height: options.height };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('closed');
  }
  destroy(): void {
    this.close();
  }
  show(): void {}
  showInactive(): void {}
  focus(): void {}
  setBounds(bounds: Partial<Rectangle>): void {
    this.bounds = bounds;
  }
  setTitle(title: string): void {
    this.title = title;
  }
  loadURL(): Promise<void> {
    return Promise.resolve();
  }
  setVisibleOnAllWorkspaces(_visible: boolean, options?: VisibleOnAllWorkspacesOptions): void {
    this.allWorkspaces.push(options);
  }
}

function setUp(platform: NodeJS.Platform = 'linux') {
  const created: FakeWindow[] = [];
  const incoming = new IncomingWindows({
    createCard: (options, query) => {
      const window = new FakeWindow('card', options, query.callID);
      created.push(window);
      return window;
    },
    createMore: (options) => {
      const window = new FakeWindow('more', options);
      created.push(window);
      return window;
    },
    platform,
    workArea: () => ({ x: 0, y: 0, width: 1920, height: 1040 }),
    showAll: () => undefined,
    log: () => undefined,
  });
  const open = (): FakeWindow[] => created.filter((window) => !window.closed);
  return { incoming, created, open };
}

/** `count` calls ringing, one millisecond apart, oldest first. */
function ringing(count: number, from = 1): Pick<AppState, 'calls'> {
  const calls = Array.from({ length: count }, (_, index) => {
    const n = from + index;
    return { callID: `c${n}`, peer: `caller${n}`, direction: 'incoming', phase: 'ringing', since: 1000 + n } as unknown as CallView;
  });
  return { calls };
}

describe('IncomingWindows', () => {
  it('opens five cards and a "+N more" window for eight ringing calls', () => {
    const { incoming, open } = setUp();
    incoming.update(ringing(8));
    expect(open().filter((window) => window.kind === 'card').map((window) => window.callID)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    expect(open().filter((window) => window.kind === 'more').map((window) => window.title)).toEqual(['3 more calls ringing']);
    // Small, on top, out of the taskbar, and answering the first click on macOS.
    for (const window of open()) expect(window.options).toMatchObject({ frame: false, alwaysOnTop: true, skipTaskbar: true, acceptFirstMouse: true });
  });

  it('gives the next call the slot of a card the user closed (what quitting must not do)', () => {
    const { incoming, open, created } = setUp();
    incoming.update(ringing(8));
    created.find((window) => window.callID === 'c1')?.close();
    expect(open().filter((window) => window.kind === 'card').map((window) => window.callID)).toEqual(['c2', 'c3', 'c4', 'c5', 'c6']);
  });

  describe('when a call stops ringing', () => {
    afterEach(() => vi.useRealTimers());

    it('keeps the other cards where they are for a double click, then moves them into the freed slot', () => {
      vi.useFakeTimers();
      const { incoming, open } = setUp();
      incoming.update(ringing(3));
      const cards = (): Record<string, Partial<Rectangle>> =>
        Object.fromEntries(open().filter((window) => window.kind === 'card').map((window) => [window.callID, window.bounds]));
      const before = cards();
      // c1, in the lowest slot, is answered: its card goes at once, the others stay put.
      incoming.update(ringing(2, 2));
      expect(cards()).toEqual({ c2: before.c2, c3: before.c3 });
      // A call that arrives meanwhile waits for its card too: it would open over a card not yet moved.
      incoming.update(ringing(3, 2));
      vi.advanceTimersByTime(SETTLE_MS - 1);
      expect(cards()).toEqual({ c2: before.c2, c3: before.c3 });
      vi.advanceTimersByTime(1);
      expect(cards()).toEqual({ c2: before.c1, c3: before.c2, c4: before.c3 });
    });

    it('opens the card again for a call that rings again within the wait, under the same callID', () => {
      vi.useFakeTimers();
      const { incoming, open } = setUp();
      incoming.update(ringing(2));
      incoming.update(ringing(3));
      // c3 stops ringing, and rings again (the same invitation, sent again) before the cards settle.
      incoming.update(ringing(2));
      incoming.update(ringing(3));
      vi.advanceTimersByTime(SETTLE_MS);
      expect(open().filter((window) => window.kind === 'card').map((window) => window.callID)).toEqual(['c1', 'c2', 'c3']);
    });

    it('moves the cards after the wait even if the system clock is set back meanwhile', () => {
      vi.useFakeTimers();
      const { incoming, open } = setUp();
      incoming.update(ringing(3));
      incoming.update(ringing(2, 2));
      vi.setSystemTime(Date.now() - 60 * 60_000);
      incoming.update(ringing(3, 2));
      vi.advanceTimersByTime(SETTLE_MS);
      expect(open().filter((window) => window.kind === 'card').map((window) => window.callID)).toEqual(['c2', 'c3', 'c4']);
    });

    it('keeps the "+N more" count true during the wait, as callers ring and give up', () => {
      vi.useFakeTimers();
      const { incoming, open } = setUp();
      const more = (): string[] => open().filter((window) => window.kind === 'more').map((window) => window.title);
      incoming.update(ringing(8));
      expect(more()).toEqual(['3 more calls ringing']);
      // c1's card is answered, and c9 calls before the cards settle: c6, c7, c8 and c9 have no card.
      incoming.update(ringing(8, 2));
      expect(more()).toEqual(['4 more calls ringing']);
      // c6 to c9 give up: every caller left has a card.
      incoming.update(ringing(4, 2));
      expect(more()).toEqual([]);
      vi.advanceTimersByTime(SETTLE_MS);
      expect(more()).toEqual([]);
      expect(open().map((window) => window.callID)).toEqual(['c2', 'c3', 'c4', 'c5']);
    });

    it('opens no card once quitting began during the wait', () => {
      vi.useFakeTimers();
      const { incoming, open } = setUp();
      incoming.update(ringing(3));
      incoming.update(ringing(3, 2));
      incoming.quit();
      vi.advanceTimersByTime(SETTLE_MS);
      expect(open()).toEqual([]);
    });
  });

  it('with eight calls ringing when quitting begins, closes every window and opens none, even as Electron closes them and a call arrives', () => {
    const { incoming, created, open } = setUp();
    incoming.update(ringing(8));
    const before = created.length;
    incoming.quit();
    expect(open()).toEqual([]);
    // Electron closes whatever is left on quit; every 'closed' would have reflowed the stack.
    for (const window of created) window.close();
    // A ninth call arrives, and the cards' calls end as the app declines them on its way out.
    incoming.update(ringing(9));
    incoming.update({ calls: [] });
    incoming.reflow();
    incoming.focus('c9');
    expect(created.length).toBe(before);
    expect(open()).toEqual([]);
  });

  it('keeps the Dock icon on macOS: cards go on every Space without transforming the process type', () => {
    const mac = setUp('darwin');
    mac.incoming.update(ringing(6));
    expect(mac.created.length).toBe(6);
    for (const window of mac.created) expect(window.allWorkspaces).toEqual([{ visibleOnFullScreen: true, skipTransformProcessType: true }]);
    const linux = setUp('linux');
    linux.incoming.update(ringing(1));
    expect(linux.created[0]?.allWorkspaces).toEqual([]);
  });
});
