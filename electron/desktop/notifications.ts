/**
 * Native notifications, as shared/desktop/notifications.ts plans them. An incoming call's
 * notification stays until the call stops ringing (then it is withdrawn) and clicking it brings
 * that call's card forward; its Accept and Decline buttons exist where the platform draws them,
 * and not while the call waits for the connection to the hub.
 */
import { Notification } from 'electron';
import { NO_STATE, notificationsFor, type NotificationAnswer, type NotificationSpec, type NotifyState } from '../../shared/desktop/notifications.js';
import type { Log } from './log.js';

/** Where Electron shows notification buttons; elsewhere the card's own buttons serve. */
const HAS_ACTIONS = process.platform === 'darwin' || process.platform === 'win32';
/** Busy notices kept alive (for their click handler) until they are closed, at most this many. */
const KEEP_OTHERS = 20;

export interface NotificationsDeps {
  answer(callID: string, answer: NotificationAnswer): void;
  focusCall(callID: string): void;
  showMain(): void;
  mainFocused(): boolean;
  log: Log;
}

export class DesktopNotifications {
  readonly #deps: NotificationsDeps;
  #prev: NotifyState = NO_STATE;
  // Electron drops a notification's handlers once it is garbage-collected: keep each one referenced.
  readonly #incoming = new Map<string, Notification>();
  readonly #others = new Set<Notification>();

  constructor(deps: NotificationsDeps) {
    this.#deps = deps;
  }

  update(state: NotifyState): void {
    const plan = notificationsFor(this.#prev, state, { mainFocused: this.#deps.mainFocused() });
    this.#prev = state;
    for (const callID of plan.withdraw) {
      this.#incoming.get(callID)?.close();
      this.#incoming.delete(callID);
    }
    if (plan.show.length > 0 && !Notification.isSupported()) return this.#deps.log('notifications are not supported here');
    for (const spec of plan.show) this.#show(spec);
  }

  dispose(): void {
    for (const notification of this.#incoming.values()) notification.close();
    this.#incoming.clear();
  }

  #show(spec: NotificationSpec): void {
    if (spec.kind === 'busy') {
      const notification = new Notification({ title: spec.title, body: spec.body });
      this.#keep(notification);
      notification.on('click', () => this.#deps.showMain());
      notification.show();
      return;
    }
    const notification = new Notification({
      title: spec.title,
      body: spec.body,
      // Stays up until answered or withdrawn, as a ringing phone does.
      urgency: 'critical',
      timeoutType: 'never',
      silent: spec.silent,
      actions: HAS_ACTIONS ? spec.actions.map((action) => ({ type: 'button', text: action.label })) : [],
    });
    this.#incoming.set(spec.callID, notification);
    notification.on('click', () => this.#deps.focusCall(spec.callID));
    notification.on('action', (event) => {
      const action = spec.actions[event.actionIndex];
      if (action) this.#deps.answer(spec.callID, action.answer);
    });
    notification.on('failed', (_event, error) => this.#deps.log(`the notification for call ${spec.callID} failed: ${error}`));
    notification.show();
  }

  #keep(notification: Notification): void {
    this.#others.add(notification);
    notification.once('close', () => this.#others.delete(notification));
    if (this.#others.size > KEEP_OTHERS) {
      const [oldest] = this.#others;
      if (oldest) this.#others.delete(oldest);
    }
  }
}
