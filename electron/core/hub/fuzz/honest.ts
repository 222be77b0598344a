/**
 * Two well-behaved users on the real HubClient placing calls to each other, one after another,
 * while something else loads the hub: the caller invites, the callee accepts, the caller ends,
 * the callee sees the end. Every step has a deadline; a step that misses it is a failure.
 */
import { errorMessage } from '../../../../shared/protocol/errors.js';
import { CallMode, CallUserState } from '../../../../shared/calls/enums.js';
import { mintToken } from '../../auth/token.js';
import { HubClient } from '../../signaling/hubClient.js';

const STEP_TIMEOUT_MS = 10_000;
/** Between calls: a person's pace is far slower still, and an unpaced loop would meet the rate limit. */
const PAUSE_BETWEEN_CALLS_MS = 10;

export class HonestPair {
  completed = 0;
  readonly failures: string[] = [];
  readonly #caller: HubClient;
  readonly #callee: HubClient;
  readonly #callerID: string;
  readonly #calleeID: string;
  /** Per callID, what has happened to it so far and who waits for what next. */
  readonly #seen = new Map<string, Set<string>>();
  readonly #waiting = new Map<string, () => void>();

  constructor(url: string, secret: string, callerID: string, calleeID: string) {
    this.#callerID = callerID;
    this.#calleeID = calleeID;
    const client = (userID: string): HubClient =>
      new HubClient({ url, userID, token: () => mintToken(secret, userID, Date.now()), backoff: { initialMs: 100, maxMs: 1000 } });
    this.#caller = client(callerID);
    this.#callee = client(calleeID);
    this.#callee.on('callInvitationReceived', (data) => {
      // Only its partner's calls: a fuzzer may invite it too, and those ring until they time out.
      if (data.caller !== callerID) return;
      this.#callee.request('callAccept', { callID: data.callID, config: {} }).catch((error: unknown) => this.#fail(`${calleeID} accepting ${data.callID}: ${String(error)}`));
    });
    this.#caller.on('callUserStateChanged', (data) => {
      if (data.callUserList.some((user) => user.userID === calleeID && user.state === CallUserState.Accepted)) this.#mark(data.callID, 'accepted');
    });
    this.#callee.on('callInvitationEnded', (data) => this.#mark(data.callID, 'ended'));
  }

  async online(): Promise<void> {
    await Promise.all([this.#caller, this.#callee].map((client) => new Promise<void>((resolve) => {
      if (client.status.status === 'online') return resolve();
      const stop = client.onStatus((status) => {
        if (status.status !== 'online') return;
        stop();
        resolve();
      });
    })));
  }

  /** Places calls one after another until `until` says stop; never throws. */
  async run(until: () => boolean): Promise<void> {
    while (!until()) {
      try {
        await this.#oneCall();
        this.completed += 1;
        await new Promise((resolve) => setTimeout(resolve, PAUSE_BETWEEN_CALLS_MS));
      } catch (error) {
        this.#fail(errorMessage(error));
        return;
      }
    }
  }

  close(): void {
    this.#caller.close();
    this.#callee.close();
  }

  async #oneCall(): Promise<void> {
    const { callID } = await this.#caller.request('callInvite', { invitees: [this.#calleeID], config: { mode: CallMode.Advanced, timeout: 30 } });
    await this.#reach(callID, 'accepted', `${this.#calleeID} to accept`);
    await this.#caller.request('callEnd', { callID, config: {} });
    await this.#reach(callID, 'ended', `${this.#calleeID} to see the end`);
    this.#seen.delete(callID);
  }

  #mark(callID: string, step: string): void {
    const steps = this.#seen.get(callID) ?? new Set<string>();
    steps.add(step);
    this.#seen.set(callID, steps);
    this.#waiting.get(`${callID}:${step}`)?.();
  }

  #reach(callID: string, step: string, what: string): Promise<void> {
    if (this.#seen.get(callID)?.has(step)) return Promise.resolve();
    const key = `${callID}:${step}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(key);
        reject(new Error(`call ${callID} from ${this.#callerID}: no ${what} within ${STEP_TIMEOUT_MS} ms`));
      }, STEP_TIMEOUT_MS);
      this.#waiting.set(key, () => {
        clearTimeout(timer);
        this.#waiting.delete(key);
        resolve();
      });
    });
  }

  #fail(message: string): void {
    this.failures.push(message);
  }
}
