/**
 * Global shortcuts that accept or decline the newest ringing call, the one the last notification
 * announced. They are held only while a call rings: the rest of the time the same keys do what
 * they do in every other application. A shortcut that cannot be registered is reported, and the
 * app goes on without it. The user changes them in the settings, and they take effect at once.
 */
import { globalShortcut } from 'electron';
import { newestRinging } from '../../shared/desktop/ringing.js';
import type { NotificationAnswer } from '../../shared/desktop/notifications.js';
import type { AppState, Shortcuts } from '../../shared/ipc/contract.js';
import type { Log } from './log.js';

type Binding = { accelerator: string; answer: NotificationAnswer };

export class RingingShortcuts {
  #bindings: Binding[];
  readonly #answer: (callID: string, answer: NotificationAnswer) => void;
  readonly #log: Log;
  #calls: AppState['calls'] = [];
  #held = false;
  /** Failures already reported, so that each is told once rather than at every ring. */
  readonly #reported = new Set<string>();

  constructor(shortcuts: Shortcuts, answer: (callID: string, answer: NotificationAnswer) => void, log: Log) {
    this.#answer = answer;
    this.#log = log;
    this.#bindings = bindingsOf(shortcuts);
  }

  /** Replaces the shortcuts (held at once if a call rings); returns what is wrong, for the user. */
  rebind(shortcuts: Shortcuts): string[] {
    this.dispose();
    this.#bindings = bindingsOf(shortcuts);
    this.#reported.clear();
    const problems = this.probe();
    if (this.#held) for (const { accelerator, answer } of this.#bindings) this.#register(accelerator, answer);
    return problems;
  }

  /** Registers each shortcut once and lets it go again; returns what is wrong, for the user. */
  probe(): string[] {
    return this.#bindings.flatMap(({ accelerator, answer }) => {
      const problem = this.#register(accelerator, answer);
      globalShortcut.unregister(accelerator);
      if (problem === null) return [];
      this.#reported.add(problem);
      return [problem];
    });
  }

  update(state: Pick<AppState, 'calls'>): void {
    // A call kept through a lost connection cannot be answered until it is back.
    this.#calls = state.calls.filter((call) => !call.reconnecting);
    const ringing = newestRinging(state.calls) !== null;
    if (ringing === this.#held) return;
    this.#held = ringing;
    for (const { accelerator, answer } of this.#bindings) {
      if (!ringing) {
        globalShortcut.unregister(accelerator);
        continue;
      }
      const problem = this.#register(accelerator, answer);
      if (problem !== null && !this.#reported.has(problem)) {
        this.#reported.add(problem);
        this.#log(problem);
      }
    }
  }

  dispose(): void {
    for (const { accelerator } of this.#bindings) globalShortcut.unregister(accelerator);
  }

  #register(accelerator: string, answer: NotificationAnswer): string | null {
    const what = `the shortcut ${accelerator} (${answer} the newest ringing call)`;
    try {
      if (globalShortcut.register(accelerator, () => this.#press(answer))) return null;
      return `${what} is taken by another application, or the desktop does not allow global shortcuts`;
    } catch (error) {
      return `${what} could not be registered: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  #press(answer: NotificationAnswer): void {
    const call = newestRinging(this.#calls);
    if (call) this.#answer(call.callID, answer);
  }
}

function bindingsOf(shortcuts: Shortcuts): Binding[] {
  const bindings: Array<{ accelerator: string | null; answer: NotificationAnswer }> = [
    { accelerator: shortcuts.accept, answer: 'accept' },
    { accelerator: shortcuts.decline, answer: 'decline' },
  ];
  // null turns a shortcut off.
  return bindings.flatMap(({ accelerator, answer }) => (accelerator === null ? [] : [{ accelerator, answer }]));
}
