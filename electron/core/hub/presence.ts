/**
 * User status, in ZIM's model: whether each user is online, dropped (offline) or signed out, plus
 * a short custom status they publish themselves (Switchboard puts its line occupancy and do not
 * disturb there). Anyone signed in may query or subscribe to anyone, as in ZIM; a subscriber hears
 * `userStatusUpdated` on every change until the subscription runs out or is withdrawn.
 *
 * A user the hub has not seen signed in is reported exactly like one who signed out, so that
 * status queries cannot be used to list which user IDs exist.
 */
import { UserOnlineStatus } from '../../../shared/calls/enums.js';
import { HubError, ZimErrorCode } from '../../../shared/protocol/errors.js';
import { MAX_STATUS_SUBSCRIPTIONS, type MethodParams, type MethodResults, type UserStatus } from '../../../shared/protocol/hub.js';
import type { CallCore } from './core.js';
import type { User } from './model.js';

interface StatusRecord {
  onlineStatus: UserOnlineStatus;
  customStatus: string;
  lastUpdateTime: number;
}

export class Presence {
  readonly #core: CallCore;
  readonly #records = new Map<string, StatusRecord>();
  /** Target userID → subscriber userID → when the subscription runs out (ms). */
  readonly #subscribers = new Map<string, Map<string, number>>();
  /** Subscriber userID → the targets they follow, to bound and to count them. */
  readonly #following = new Map<string, Set<string>>();

  constructor(core: CallCore) {
    this.#core = core;
  }

  status(userID: string): UserStatus {
    const record = this.#records.get(userID);
    if (!record) return { userID, onlineStatus: UserOnlineStatus.Logout, customStatus: '', lastUpdateTime: 0 };
    return { userID, ...record };
  }

  query(params: MethodParams<'queryUsersStatus'>): MethodResults['queryUsersStatus'] {
    return { userStatusList: unique(params.userIDs).map((userID) => this.status(userID)), errorUserList: [] };
  }

  subscribe(user: User, params: MethodParams<'subscribeUsersStatus'>): MethodResults['subscribeUsersStatus'] {
    const now = this.#core.now();
    const following = this.#following.get(user.userID) ?? new Set<string>();
    this.#forgetExpired(user.userID, following, now);
    this.#following.set(user.userID, following);
    const targets = unique(params.userIDs);
    const added = targets.filter((userID) => !following.has(userID)).length;
    if (following.size + added > MAX_STATUS_SUBSCRIPTIONS) {
      throw new HubError(
        ZimErrorCode.ParamsInvalid,
        `subscribeUsersStatus: ${user.userID} would follow ${following.size + added} users; at most ${MAX_STATUS_SUBSCRIPTIONS}`,
      );
    }
    const until = now + params.config.subscriptionDuration * 60_000;
    for (const target of targets) {
      following.add(target);
      let subscribers = this.#subscribers.get(target);
      if (!subscribers) this.#subscribers.set(target, (subscribers = new Map()));
      subscribers.set(user.userID, until);
    }
    // The current status at once, after the reply: a subscriber need not query as well.
    this.#core.toUser(user, this.#core.event('userStatusUpdated', { userStatusList: targets.map((userID) => this.status(userID)) }));
    return { errorUserList: [] };
  }

  unsubscribe(user: User, params: MethodParams<'unsubscribeUsersStatus'>): MethodResults['unsubscribeUsersStatus'] {
    const following = this.#following.get(user.userID);
    for (const target of params.userIDs) this.#unlink(user.userID, target, following);
    return { errorUserList: [] };
  }

  updateCustomStatus(user: User, params: MethodParams<'updateUserCustomStatus'>): MethodResults['updateUserCustomStatus'] {
    this.#change(user.userID, { customStatus: params.customStatus });
    return { customStatus: params.customStatus };
  }

  /** The user's first connection signed in. */
  online(user: User): void {
    this.#change(user.userID, { onlineStatus: UserOnlineStatus.Online });
  }

  /** The user's last connection went: `loggedOut` tells a logout from a dropped connection. */
  gone(user: User, loggedOut: boolean): void {
    this.#change(user.userID, { onlineStatus: loggedOut ? UserOnlineStatus.Logout : UserOnlineStatus.Offline });
  }

  #change(userID: string, change: Partial<StatusRecord>): void {
    const now = this.#core.now();
    const before = this.#records.get(userID);
    const record: StatusRecord = { onlineStatus: UserOnlineStatus.Logout, customStatus: '', ...before, ...change, lastUpdateTime: now };
    if (before && before.onlineStatus === record.onlineStatus && before.customStatus === record.customStatus) return;
    this.#records.set(userID, record);
    const subscribers = this.#subscribers.get(userID);
    if (!subscribers) return;
    const frame = this.#core.event('userStatusUpdated', { userStatusList: [{ userID, ...record }] });
    for (const [subscriberID, until] of subscribers) {
      if (until <= now) {
        this.#unlink(subscriberID, userID, this.#following.get(subscriberID));
        continue;
      }
      const subscriber = this.#core.users.get(subscriberID);
      if (subscriber) this.#core.toUser(subscriber, frame);
    }
  }

  #forgetExpired(subscriberID: string, following: Set<string>, now: number): void {
    for (const target of following) {
      const until = this.#subscribers.get(target)?.get(subscriberID) ?? 0;
      if (until <= now) this.#unlink(subscriberID, target, following);
    }
  }

  #unlink(subscriberID: string, target: string, following: Set<string> | undefined): void {
    following?.delete(target);
    if (following?.size === 0) this.#following.delete(subscriberID);
    const subscribers = this.#subscribers.get(target);
    subscribers?.delete(subscriberID);
    if (subscribers?.size === 0) this.#subscribers.delete(target);
  }
}

function unique(userIDs: string[]): string[] {
  return [...new Set(userIDs)];
}
