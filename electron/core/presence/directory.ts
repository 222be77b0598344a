/**
 * The people a user knows — whoever they called, whoever called them — with each one's presence,
 * followed through the backend's user-status subscription; and this user's own occupancy,
 * published as their custom status so that others see it. Followed again after every sign-in,
 * since a restarted hub has forgotten every subscription.
 */
import { MAX_STATUS_USERS, MAX_SUBSCRIPTION_MINUTES } from '../../../shared/protocol/hub.js';
import type { PersonView } from '../../../shared/ipc/contract.js';
import { errorMessage } from '../../../shared/protocol/errors.js';
import type { SignalingPort } from '../signaling/port.js';
import { formatOccupancy, personFrom, type Occupancy } from './occupancy.js';

/**
 * At most one occupancy update per this long: a desk taking calls fast would otherwise spend its
 * connection's request rate on telling others, and they only need the latest.
 */
export const PUBLISH_INTERVAL_MS = 250;

export class PeopleDirectory {
  readonly #port: SignalingPort;
  readonly #self: string;
  readonly #changed: () => void;
  readonly #log: (line: string) => void;
  readonly #people = new Map<string, PersonView>();
  /** Known, but not yet followed on the current connection. */
  #unfollowed = new Set<string>();
  #occupancy: Occupancy | null = null;
  /** The custom status the backend has from this connection; null after every sign-in. */
  #published: string | null = null;
  #lastPublishAt = -Infinity;
  #publishTimer: NodeJS.Timeout | null = null;
  readonly #disposers: Array<() => void>;

  constructor(port: SignalingPort, self: string, changed: () => void, log: (line: string) => void = () => {}) {
    this.#port = port;
    this.#self = self;
    this.#changed = changed;
    this.#log = log;
    this.#disposers = [
      port.on('userStatusUpdated', ({ userStatusList }) => this.#update(userStatusList.map(personFrom))),
      port.onStatus((status) => {
        if (status.status !== 'online') return this.#forget();
        this.#unfollowed = new Set(this.#people.keys());
        this.#published = null;
        this.#sync();
      }),
    ];
  }

  /** Everyone known, by name. */
  get people(): PersonView[] {
    return [...this.#people.values()].sort((a, b) => a.userID.localeCompare(b.userID));
  }

  /** What is known of someone's presence; 'unknown' for someone not in the directory. */
  presenceOf(userID: string): PersonView['presence'] {
    return this.#people.get(userID)?.presence ?? 'unknown';
  }

  /**
   * Learns of people (callers, callees); the new ones are followed from now on. Says nothing to
   * `changed`: the caller is about to publish a new state anyway.
   */
  add(userIDs: Iterable<string>): void {
    let added = false;
    for (const userID of userIDs) {
      if (userID === this.#self || this.#people.has(userID)) continue;
      this.#people.set(userID, { userID, presence: 'unknown', lines: null });
      this.#unfollowed.add(userID);
      added = true;
    }
    if (added) this.#sync();
  }

  /** This user's occupancy as others should see it; sent only when it changed. */
  publish(occupancy: Occupancy): void {
    this.#occupancy = occupancy;
    this.#sync();
  }

  dispose(): void {
    for (const dispose of this.#disposers) dispose();
    if (this.#publishTimer) clearTimeout(this.#publishTimer);
    this.#publishTimer = null;
  }

  /**
   * Cut off from the backend, nothing said of anyone still holds: everyone reads as not known
   * (not as they were when the link went) until the next sign-in follows them again.
   */
  #forget(): void {
    let changed = false;
    for (const person of this.#people.values()) {
      if (person.presence === 'unknown') continue;
      this.#people.set(person.userID, { userID: person.userID, presence: 'unknown', lines: null });
      changed = true;
    }
    if (changed) this.#changed();
  }

  #sync(): void {
    if (this.#port.status.status !== 'online') return;
    const unfollowed = [...this.#unfollowed];
    this.#unfollowed.clear();
    for (let at = 0; at < unfollowed.length; at += MAX_STATUS_USERS) {
      const userIDs = unfollowed.slice(at, at + MAX_STATUS_USERS);
      this.#port.request('subscribeUsersStatus', { userIDs, config: { subscriptionDuration: MAX_SUBSCRIPTION_MINUTES } }).catch((error) => {
        for (const userID of userIDs) this.#unfollowed.add(userID);
        this.#log(`could not follow the presence of ${userIDs.join(', ')}: ${errorMessage(error)}`);
      });
    }
    this.#publishOccupancy();
  }

  #publishOccupancy(): void {
    const status = this.#occupancy && formatOccupancy(this.#occupancy);
    if (!status || status === this.#published || this.#publishTimer) return;
    const wait = this.#lastPublishAt + PUBLISH_INTERVAL_MS - Date.now();
    if (wait > 0) {
      this.#publishTimer = setTimeout(() => {
        this.#publishTimer = null;
        if (this.#port.status.status === 'online') this.#publishOccupancy();
      }, wait);
      return;
    }
    this.#lastPublishAt = Date.now();
    this.#published = status;
    this.#port.request('updateUserCustomStatus', { customStatus: status }).catch((error) => {
      if (this.#published === status) this.#published = null;
      this.#log(`could not publish this user's occupancy: ${errorMessage(error)}`);
    });
  }

  #update(people: PersonView[]): void {
    let changed = false;
    for (const person of people) {
      // Only people this user knows: a status for anyone else is not ours to show.
      if (!this.#people.has(person.userID)) continue;
      this.#people.set(person.userID, person);
      changed = true;
    }
    if (changed) this.#changed();
  }
}
