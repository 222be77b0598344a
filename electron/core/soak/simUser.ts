/**
 * One simulated user of the soak: a real CallManager on a real HubClient, as the softphone runs
 * them, with a way to wait for its state and to restart it (the app killed and started again).
 */
import type { CallOutcome, HistoryEntry } from '../../../shared/ipc/contract.js';
import { mintToken } from '../auth/token.js';
import { CallManager } from '../calls/callManager.js';
import { HubClient } from '../signaling/hubClient.js';

/** How long an app takes to start again: far longer than the hub takes to see the old connection close. */
const RESTART_MS = 200;

export interface SimUserOptions {
  url: string;
  secret: string;
  callTimeoutS: number;
  incomingLimit: number;
}

export class SimUser {
  readonly userID: string;
  client!: HubClient;
  manager!: CallManager;
  /** How the calls this user placed ended, by callID, until the soak reads them. */
  readonly outcomes = new Map<string, { outcome: CallOutcome; detail: string }>();
  /** The callID of the last call this user placed, as soon as the hub gave it one. */
  lastPlaced: string | null = null;
  readonly #options: SimUserOptions;
  readonly #watchers = new Set<() => void>();

  constructor(userID: string, options: SimUserOptions) {
    this.userID = userID;
    this.#options = options;
    this.#start();
  }

  get online(): boolean {
    return this.client.status.status === 'online';
  }

  phaseOf(callID: string): string | null {
    return this.manager.calls.find((call) => call.callID === callID)?.phase ?? null;
  }

  /** Resolves once `test` holds, checking after every change; rejects after `timeoutMs`, naming `what`. */
  until(what: string, test: () => boolean, timeoutMs: number): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!test()) return;
        clearTimeout(timer);
        this.#watchers.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#watchers.delete(check);
        reject(new Error(`${this.userID}: no ${what} within ${timeoutMs} ms (calls: ${JSON.stringify(this.manager.calls)})`));
      }, timeoutMs);
      this.#watchers.add(check);
    });
  }

  /** The app killed and started again: the connection drops, and a new one signs in. */
  async restart(): Promise<void> {
    // Closing first lets the old CallManager end its calls with the reason, as the app does.
    this.client.close();
    this.manager.dispose();
    await new Promise((resolve) => setTimeout(resolve, RESTART_MS));
    this.#start();
  }

  close(): void {
    this.client.close();
    this.manager.dispose();
  }

  #start(): void {
    const { url, secret, callTimeoutS, incomingLimit } = this.#options;
    const userID = this.userID;
    this.client = new HubClient({ url, userID, token: () => mintToken(secret, userID, Date.now()), backoff: { initialMs: 100, maxMs: 1000 } });
    this.manager = new CallManager(
      this.client,
      {
        changed: () => this.#changed(),
        notice: () => {},
        history: (entry: Omit<HistoryEntry, 'id'>) => {
          if (entry.direction === 'outgoing') this.outcomes.set(entry.callID, { outcome: entry.outcome, detail: entry.detail });
        },
      },
      { userID, limits: { incoming: incomingLimit, outgoing: 1 }, callTimeoutS },
    );
    this.client.onStatus(() => this.#changed());
  }

  #changed(): void {
    const placing = this.manager.calls.find((call) => call.direction === 'outgoing' && call.phase !== 'dialing');
    if (placing) this.lastPlaced = placing.callID;
    for (const check of [...this.#watchers]) check();
  }
}
