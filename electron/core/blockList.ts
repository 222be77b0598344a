/**
 * The signed-in user's block list, kept on the backend (the hub's or ZIM's blacklist) and
 * mirrored here for the AppState. The hub keeps it in memory only, so each time the connection
 * comes up the list known here is added back before it is read again: a hub restart does not
 * unblock anyone. docs/protocol.md, "Block list", describes the methods.
 */
import { MAX_BLACKLIST_REQUEST, MAX_QUERY_COUNT } from '../../shared/protocol/hub.js';
import { errorMessage } from '../../shared/protocol/errors.js';
import type { SignalingPort } from './signaling/port.js';

export class BlockList {
  readonly #port: SignalingPort;
  readonly #changed: () => void;
  readonly #log: (line: string) => void;
  #users: string[] = [];

  constructor(port: SignalingPort, changed: () => void, log: (line: string) => void = () => {}) {
    this.#port = port;
    this.#changed = changed;
    this.#log = log;
  }

  get users(): readonly string[] {
    return this.#users;
  }

  /** After every sign-in: puts back what the backend may have forgotten, then reads its list. */
  async sync(): Promise<void> {
    try {
      for (let at = 0; at < this.#users.length; at += MAX_BLACKLIST_REQUEST) {
        await this.#port.request('addUsersToBlacklist', { userIDs: this.#users.slice(at, at + MAX_BLACKLIST_REQUEST) });
      }
      await this.#read();
    } catch (error) {
      this.#log(`block list: ${errorMessage(error)}`);
    }
  }

  async block(userID: string): Promise<void> {
    const { errorUserList } = await this.#port.request('addUsersToBlacklist', { userIDs: [userID] });
    if (errorUserList.length > 0) throw new Error(`${userID} cannot be blocked (${errorUserList[0]!.reason})`);
    await this.#read();
  }

  async unblock(userID: string): Promise<void> {
    await this.#port.request('removeUsersFromBlacklist', { userIDs: [userID] });
    await this.#read();
  }

  async #read(): Promise<void> {
    const users: string[] = [];
    let nextFlag = 0;
    do {
      const page = await this.#port.request('queryBlacklist', { config: { count: MAX_QUERY_COUNT, nextFlag } });
      users.push(...page.blacklist.map((entry) => entry.userID));
      nextFlag = page.nextFlag;
    } while (nextFlag !== 0);
    this.#users = users;
    this.#changed();
  }
}
