/**
 * One small always-on-top card per ringing call, stacked on the display the main window is on
 * (shared/layout/stack.ts decides where), plus a "+N more" window once the cards run out. They
 * never take focus from what the user is doing (showInactive), and go as soon as their call
 * stops ringing. The renderer's incoming view answers Enter and Esc in a focused card.
 */
import { BrowserWindow, type BrowserWindowConstructorOptions, type Rectangle } from 'electron';
import { ringingInArrivalOrder } from '../../shared/desktop/ringing.js';
import { moreTitle, morePageUrl } from '../../shared/desktop/morePage.js';
import type { AppState } from '../../shared/ipc/contract.js';
import { peerLabel } from '../../shared/ipc/peer.js';
import { stackLayout, type Rect, type StackOptions } from '../../shared/layout/stack.js';
import { planIncoming, type CardCall } from './incomingPlan.js';
import type { Log } from './log.js';
import type { WindowFactory } from './windows.js';

// Tall enough for a group invitation's "with …" line above the buttons.
const STACK: StackOptions = { card: { width: 360, height: 152 }, moreHeight: 44, gap: 12, maxCards: 5 };

/** What every stacked window is: small, frameless, above other windows, out of the taskbar. */
const POPUP: BrowserWindowConstructorOptions = {
  frame: false,
  resizable: false,
  minimizable: false,
  maximizable: false,
  fullscreenable: false,
  alwaysOnTop: true,
  skipTaskbar: true,
};

export interface IncomingWindowsDeps {
  createWindow: WindowFactory;
  /** The work area of the display the main window is on. */
  workArea(): Rectangle;
  /** Brings the main window, which lists every ringing call, to the front. */
  showAll(): void;
  log: Log;
}

export class IncomingWindows {
  readonly #deps: IncomingWindowsDeps;
  readonly #cards = new Map<string, BrowserWindow>();
  #more: BrowserWindow | null = null;
  #moreUrl = '';
  #ringing: CardCall[] = [];
  /** The last plan applied: most state changes (a connection status, a limit) change nothing here. */
  #applied = '';
  /** Calls whose card the user closed (Alt+F4) or whose renderer died: not reopened while they ring. */
  #dismissed = new Set<string>();

  constructor(deps: IncomingWindowsDeps) {
    this.#deps = deps;
  }

  update(state: Pick<AppState, 'calls'>): void {
    const ringing = ringingInArrivalOrder(state.calls);
    const ids = new Set(ringing.map((call) => call.callID));
    this.#dismissed = new Set([...this.#dismissed].filter((callID) => ids.has(callID)));
    this.#ringing = ringing.filter((call) => !this.#dismissed.has(call.callID));
    this.reflow();
  }

  /** Puts every window in its slot again: after a change, or when displays or the main window move. */
  reflow(): void {
    const plan = planIncoming(new Set(this.#cards.keys()), this.#ringing, stackLayout(this.#deps.workArea(), this.#ringing.length, STACK));
    const applied = JSON.stringify(plan);
    if (applied === this.#applied) return;
    this.#applied = applied;
    for (const callID of plan.close) {
      const card = this.#cards.get(callID);
      this.#cards.delete(callID);
      card?.close();
    }
    for (const { call, bounds, isNew } of plan.cards) {
      if (isNew) this.#open(call, bounds);
      else this.#cards.get(call.callID)?.setBounds(bounds);
    }
    this.#showMore(plan.more);
  }

  /** Shows the card of `callID` and gives it focus, or the main window when the call has no card. */
  focus(callID: string): void {
    const card = this.#cards.get(callID);
    if (!card) return this.#deps.showAll();
    card.show();
    card.focus();
  }

  #open(call: CardCall, bounds: Rect): void {
    const card = this.#deps.createWindow({ ...POPUP, ...bounds, title: `Incoming call from ${peerLabel(call)}` }, { view: 'incoming', callID: call.callID });
    this.#cards.set(call.callID, card);
    // The page's own title ("Switchboard") would name every card alike, to screen readers and Alt+Tab.
    card.on('page-title-updated', (event) => event.preventDefault());
    keepAboveFullScreen(card);
    card.once('ready-to-show', () => card.showInactive());
    card.webContents.once('render-process-gone', (_event, details) => {
      this.#deps.log(`the card of call ${call.callID} crashed (${details.reason}); the main window still lists the call`);
      card.destroy();
    });
    card.once('closed', () => {
      // Closed by reflow: already forgotten. Otherwise the user or a crash closed it.
      if (this.#cards.get(call.callID) !== card) return;
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
    window.setTitle(moreTitle(more.hidden));
    const url = morePageUrl(more.hidden);
    if (url === this.#moreUrl) return;
    this.#moreUrl = url;
    window.loadURL(url).catch((error: unknown) => this.#deps.log(`the "+N more" window did not load: ${String(error)}`));
  }

  #openMore(bounds: Rect): BrowserWindow {
    // Not our app page and given no preload: it cannot reach the softphone, and needs no script.
    const window = new BrowserWindow({
      ...POPUP,
      ...bounds,
      show: false,
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        javascript: false,
        webviewTag: false,
        disableBlinkFeatures: 'Auxclick',
      },
    });
    this.#more = window;
    this.#moreUrl = '';
    keepAboveFullScreen(window);
    window.once('ready-to-show', () => window.showInactive());
    // It is shown inactive, so it only gains focus when clicked (or picked with Alt+Tab).
    window.on('focus', () => this.#deps.showAll());
    window.once('closed', () => {
      if (this.#more === window) this.#more = null;
    });
    return window;
  }
}

/** On macOS, cards show on every Space and over full-screen apps: a call rings wherever the user is. */
function keepAboveFullScreen(window: BrowserWindow): void {
  if (process.platform === 'darwin') window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
}
