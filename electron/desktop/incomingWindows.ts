/**
 * One small always-on-top card per ringing call, stacked on the display the main window is on
 * (shared/layout/stack.ts decides where), plus a "+N more" window once the cards run out. They
 * never take focus from what the user is doing (showInactive), and go as soon as their call
 * stops ringing. The renderer's incoming view answers Enter and Esc in a focused card.
 */
import type { BrowserWindowConstructorOptions, Rectangle, VisibleOnAllWorkspacesOptions } from 'electron';
import { ringingInArrivalOrder } from '../../shared/desktop/ringing.js';
import { moreTitle, morePageUrl } from '../../shared/desktop/morePage.js';
import type { AppState } from '../../shared/ipc/contract.js';
import { peerLabel } from '../../shared/ipc/peer.js';
import { stackLayout, type Rect, type StackOptions } from '../../shared/layout/stack.js';
import { planIncoming, type CardCall } from './incomingPlan.js';
import type { Log } from './log.js';

// Tall enough for a group invitation's "with …" line above the buttons.
const STACK: StackOptions = { card: { width: 360, height: 152 }, moreHeight: 44, gap: 12, maxCards: 5 };
/**
 * After a card closes because its call stopped ringing, the other cards stay where they are this
 * long before they move into the freed slot (and before a new card opens): longer than a double
 * click, so that a second click on Accept or Decline lands on nothing rather than on the next
 * caller's card, which would otherwise slide under the pointer.
 */
export const SETTLE_MS = 600;

/** What every stacked window is: small, frameless, above other windows, out of the taskbar. */
const POPUP: BrowserWindowConstructorOptions = {
  frame: false,
  resizable: false,
  minimizable: false,
  maximizable: false,
  fullscreenable: false,
  alwaysOnTop: true,
  skipTaskbar: true,
  // macOS: the click that activates a card (shown inactive) also reaches its page, so one click
  // on Accept accepts.
  acceptFirstMouse: true,
};

/** What this file uses of a BrowserWindow: the seam where tests put a fake window. */
export interface StackWindow {
  once(event: 'ready-to-show' | 'closed', listener: () => void): unknown;
  on(event: 'focus', listener: () => void): unknown;
  on(event: 'page-title-updated', listener: (event: { preventDefault(): void }) => void): unknown;
  readonly webContents: { once(event: 'render-process-gone', listener: (event: unknown, details: { reason: string }) => void): unknown };
  close(): void;
  destroy(): void;
  show(): void;
  showInactive(): void;
  focus(): void;
  setBounds(bounds: Partial<Rectangle>): void;
  setTitle(title: string): void;
  loadURL(url: string): Promise<void>;
  setVisibleOnAllWorkspaces(visible: boolean, options?: VisibleOnAllWorkspacesOptions): void;
}

export interface IncomingWindowsDeps {
  /** A card: our page with the preload (windows.ts's factory). */
  createCard(options: BrowserWindowConstructorOptions, query: Record<string, string>): StackWindow;
  /** The "+N more" window: a data: page with no preload and no script (windows.ts). */
  createMore(options: BrowserWindowConstructorOptions): StackWindow;
  platform: NodeJS.Platform;
  /** The work area of the display the main window is on. */
  workArea(): Rectangle;
  /** Brings the main window, which lists every ringing call, to the front. */
  showAll(): void;
  log: Log;
}

export class IncomingWindows {
  readonly #deps: IncomingWindowsDeps;
  readonly #cards = new Map<string, StackWindow>();
  #more: StackWindow | null = null;
  #moreUrl = '';
  #ringing: CardCall[] = [];
  /** The last plan applied: most state changes (a connection status, a limit) change nothing here. */
  #applied = '';
  /** Calls whose card the user closed (Alt+F4) or whose renderer died: not reopened while they ring. */
  #dismissed = new Set<string>();
  /**
   * Set once quitting begins, for good. Electron quits only when every window has closed, and a
   * later app.quit() returns at once: a card or "+N more" window opened now (a reflow as the cards
   * close, a call that arrives) would keep the app running with no way to quit it.
   */
  #quitting = false;
  /** While set, the cards stay put after one closed (SETTLE_MS); a timer, so a clock set back changes nothing. */
  #settleTimer: NodeJS.Timeout | null = null;

  constructor(deps: IncomingWindowsDeps) {
    this.#deps = deps;
  }

  update(state: Pick<AppState, 'calls'>): void {
    if (this.#quitting) return;
    const ringing = ringingInArrivalOrder(state.calls);
    const ids = new Set(ringing.map((call) => call.callID));
    this.#dismissed = new Set([...this.#dismissed].filter((callID) => ids.has(callID)));
    this.#ringing = ringing.filter((call) => !this.#dismissed.has(call.callID));
    this.reflow();
  }

  /** Puts every window in its slot again: after a change, or when displays or the main window move. */
  reflow(): void {
    if (this.#quitting) return;
    const plan = planIncoming(new Set(this.#cards.keys()), this.#ringing, stackLayout(this.#deps.workArea(), this.#ringing.length, STACK));
    const applied = JSON.stringify(plan);
    if (applied === this.#applied) return;
    for (const callID of plan.close) {
      const card = this.#cards.get(callID);
      this.#cards.delete(callID);
      card?.close();
    }
    if (plan.close.length > 0) {
      this.#settle();
      // What is open no longer matches the last plan applied: the plan after the wait may be that
      // same plan again (a call that rang again under its callID) and must still be applied.
      this.#applied = '';
    }
    // Not applied yet: the reflow when the cards settle plans again from what is open then. The
    // "+N more" count stays true meanwhile: callers who ring or give up during the wait.
    if (this.#settleTimer) return this.#recountMore();
    this.#applied = applied;
    for (const { call, bounds, isNew } of plan.cards) {
      if (isNew) this.#open(call, bounds);
      else this.#cards.get(call.callID)?.setBounds(bounds);
    }
    this.#showMore(plan.more);
  }

  /** Shows the card of `callID` and gives it focus, or the main window when the call has no card. */
  focus(callID: string): void {
    if (this.#quitting) return;
    const card = this.#cards.get(callID);
    if (!card) return this.#deps.showAll();
    card.show();
    card.focus();
  }

  /** Quitting begins: every window closes, and none opens or moves from now on. */
  quit(): void {
    if (this.#quitting) return;
    this.#quitting = true;
    const windows = [...this.#cards.values(), ...(this.#more ? [this.#more] : [])];
    this.#cards.clear();
    this.#more = null;
    this.#ringing = [];
    if (this.#settleTimer) clearTimeout(this.#settleTimer);
    this.#settleTimer = null;
    for (const window of windows) window.close();
  }

  /** (Re)starts the wait: SETTLE_MS from the last card closed, then one reflow. */
  #settle(): void {
    if (this.#settleTimer) clearTimeout(this.#settleTimer);
    this.#settleTimer = setTimeout(() => {
      this.#settleTimer = null;
      this.reflow();
    }, SETTLE_MS);
  }

  #open(call: CardCall, bounds: Rect): void {
    const card = this.#deps.createCard({ ...POPUP, ...bounds, title: `Incoming call from ${peerLabel(call)}` }, { view: 'incoming', callID: call.callID });
    this.#cards.set(call.callID, card);
    // The page's own title ("Switchboard") would name every card alike, to screen readers and Alt+Tab.
    card.on('page-title-updated', (event) => event.preventDefault());
    this.#keepAboveFullScreen(card);
    card.once('ready-to-show', () => card.showInactive());
    card.webContents.once('render-process-gone', (_event, details) => {
      this.#deps.log(`the card of call ${call.callID} crashed (${details.reason}); the main window still lists the call`);
      card.destroy();
    });
    card.once('closed', () => {
      // Closed by reflow or quit: already forgotten. Otherwise the user or a crash closed it.
      if (this.#quitting || this.#cards.get(call.callID) !== card) return;
      this.#cards.delete(call.callID);
      this.#dismissed.add(call.callID);
      this.#ringing = this.#ringing.filter((ringing) => ringing.callID !== call.callID);
      this.reflow();
    });
  }

  #showMore(more: { bounds: Rect; hidden: number } | null): void {
    if (!more) {
      const window = this.#more;
      this.#more = null;
      window?.close();
      return;
    }
    const window = this.#more ?? this.#openMore(more.bounds);
    window.setBounds(more.bounds);
    this.#labelMore(window, more.hidden);
  }

  /** While the cards settle: the calls ringing without a card of their own, in the window where it is. */
  #recountMore(): void {
    if (!this.#more) return;
    const hidden = this.#ringing.length - this.#cards.size;
    if (hidden > 0) return this.#labelMore(this.#more, hidden);
    const window = this.#more;
    this.#more = null;
    window.close();
  }

  #labelMore(window: StackWindow, hidden: number): void {
    window.setTitle(moreTitle(hidden));
    const url = morePageUrl(hidden);
    if (url === this.#moreUrl) return;
    this.#moreUrl = url;
    window.loadURL(url).catch((error: unknown) => this.#deps.log(`the "+N more" window did not load: ${String(error)}`));
  }

  #openMore(bounds: Rect): StackWindow {
    const window = this.#deps.createMore({ ...POPUP, ...bounds });
    this.#more = window;
    this.#moreUrl = '';
    this.#keepAboveFullScreen(window);
    window.once('ready-to-show', () => window.showInactive());
    // It is shown inactive, so it only gains focus when clicked (or picked with Alt+Tab).
    window.on('focus', () => this.#deps.showAll());
    window.once('closed', () => {
      if (this.#more === window) this.#more = null;
    });
    return window;
  }

  /**
   * On macOS, cards show on every Space and over full-screen apps: a call rings wherever the user
   * is. Without skipTransformProcessType, Electron turns the app into a UI element and back each
   * time, and the Dock icon vanishes whenever a card opens.
   */
  #keepAboveFullScreen(window: StackWindow): void {
    if (this.#deps.platform === 'darwin') window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true, skipTransformProcessType: true });
  }
}
