/**
 * Priority callers: the people whose calls ring through do not disturb and full lines (the
 * CallManager asks as each call rings) — a supervisor, an emergency line. A short list the user
 * keeps in Settings; the desktop app saves it with the other settings.
 */
import { PRIORITY_CALLERS_MAX } from '../../shared/ipc/constants.js';
import { USER_ID_PATTERN, USER_ID_RULE } from '../../shared/protocol/userId.js';
import { CommandError } from './calls/callManager.js';

export class PriorityCallers {
  #users: string[];

  /** Throws, naming what was wrong, for a list that could not have been saved. */
  constructor(users: readonly string[] = []) {
    const bad = users.find((userID) => !USER_ID_PATTERN.test(userID));
    if (bad !== undefined) throw new Error(`priority caller ${JSON.stringify(bad)}: ${USER_ID_RULE}`);
    this.#users = [...new Set(users)];
    if (this.#users.length > PRIORITY_CALLERS_MAX) {
      throw new Error(`${this.#users.length} priority callers: at most ${PRIORITY_CALLERS_MAX}`);
    }
  }

  /** In the order added; a new array after each change, never changed in place (AppState shares it). */
  get users(): string[] {
    return this.#users;
  }

  has(userID: string): boolean {
    return this.#users.includes(userID);
  }

  /** Adds or removes `userID`; false when that changes nothing. */
  set(userID: string, priority: boolean): boolean {
    if (priority === this.has(userID)) return false;
    if (!priority) {
      this.#users = this.#users.filter((user) => user !== userID);
      return true;
    }
    if (this.#users.length >= PRIORITY_CALLERS_MAX) {
      throw new CommandError(`Cannot add ${userID}: there are ${PRIORITY_CALLERS_MAX} priority callers already, the most there can be`);
    }
    this.#users = [...this.#users, userID];
    return true;
  }
}
