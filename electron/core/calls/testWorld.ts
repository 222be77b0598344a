/**
 * Several softphones' CallManagers on one real hub registry, with the hub's fake clock: the whole
 * call model under a test's control, no sockets, no sleeps. Each phone reaches the registry
 * through one of the two signaling ports the app has:
 *
 * - `hub`: a loopback port, the hub client's protocol with no socket;
 * - `zim`: the ZIM adapter on a double of ZEGO's SDK, whose cloud runs on the same registry.
 *
 * The same tests run on both, so the ZIM adapter is held to exactly the hub's behaviour.
 */
import type { HistoryEntry, Notice } from '../../../shared/ipc/contract.js';
import { TestHub } from '../hub/testkit.js';
import { LoopbackPort } from '../signaling/loopback.js';
import type { SignalingPort } from '../signaling/port.js';
import { ZimCloud, type ZimSdkDouble } from '../signaling/zim/sdkDouble.js';
import { ZimClient } from '../signaling/zim/zimClient.js';
import { CallManager } from './callManager.js';

export const BACKENDS = ['hub', 'zim'] as const;
export type Backend = (typeof BACKENDS)[number];

export interface PhoneSetup {
  incoming?: number;
  outgoing?: number;
  dnd?: boolean;
  callTimeoutS?: number;
  /** What the phone's Callbacks list says of a turned-away caller's place. */
  callbackPosition?: (peer: string) => number | null;
  secondCall?: 'hold' | 'end';
  /** Priority callers: they ring through do not disturb and full lines. */
  priority?: string[];
}

/** The network under a phone's port. */
export interface PhoneLink {
  /** The connection drops. */
  drop(): void;
  /** Signs in again after a drop; resolves once online. */
  reconnect(): Promise<void>;
  /** Keeps arriving frames back until release(), as a busy process does. */
  hold(): void;
  release(): void;
}

export interface Phone {
  userID: string;
  port: SignalingPort;
  link: PhoneLink;
  manager: CallManager;
  history: Array<Omit<HistoryEntry, 'id'>>;
  notices: Array<Omit<Notice, 'id' | 'at'>>;
}

export class TestWorld {
  readonly hub: TestHub;
  readonly phones = new Map<string, Phone>();
  readonly backend: Backend;
  readonly #cloud: ZimCloud;
  /** How far the phones' wall clock has been set away from the hub's time (stepWallClock). */
  #wallClockStep = 0;

  /** `cloud`: how the ZIM double's cloud reads ZIM where ZEGO's sources disagree (ZimCloud). */
  constructor(backend: Backend = 'hub', cloud: { endNeedsAccept?: boolean } = {}) {
    this.backend = backend;
    // The hub with ZIM's report of unknown invitees (6000281); the ZIM double's cloud with ZIM's
    // own rules (ZimCloud), not the hub's guards against line-filling.
    this.#cloud = new ZimCloud(backend === 'hub' ? { hub: new TestHub({ reportUnknownUsers: true }), ...cloud } : cloud);
    this.hub = this.#cloud.hub;
  }

  /** Signs `userID` in on a new device; `name` tells two devices of one user apart. */
  async add(userID: string, setup: PhoneSetup = {}, name = userID): Promise<Phone> {
    const { port, link } = this.backend === 'hub' ? await this.#hubPort(userID) : await this.#zimPort(userID);
    const phone: Phone = { userID, port, link, manager: null as unknown as CallManager, history: [], notices: [] };
    phone.manager = new CallManager(
      port,
      {
        changed: () => {},
        notice: (kind, text) => phone.notices.push({ kind, text }),
        history: (entry) => phone.history.push(entry),
        callbackPosition: setup.callbackPosition,
      },
      {
        userID,
        limits: { incoming: setup.incoming ?? 3, outgoing: setup.outgoing ?? 1 },
        dnd: setup.dnd,
        callTimeoutS: setup.callTimeoutS,
        secondCall: setup.secondCall,
        isPriority: (caller) => setup.priority?.includes(caller) ?? false,
        // As the softphone does: ZEGO Express rooms on the ZIM backend only.
        expressRooms: this.backend === 'zim',
        now: () => this.hub.clock.now() + this.#wallClockStep,
        tick: () => this.hub.clock.now(),
        timers: this.hub.clock,
      },
    );
    this.phones.set(name, phone);
    return phone;
  }

  /** Lets every frame in flight arrive and every reaction to it run. */
  async settle(): Promise<void> {
    for (let i = 0; i < 30; i += 1) await new Promise((resolve) => setImmediate(resolve));
  }

  /** Sets the phones' wall clock (Date) by `ms`, as a user or a time sync does; time itself goes on. */
  stepWallClock(ms: number): void {
    this.#wallClockStep += ms;
  }

  /** Moves hub time forward (firing timeouts), then settles. */
  async advance(ms: number): Promise<void> {
    this.hub.clock.advance(ms);
    await this.settle();
  }

  phone(name: string): Phone {
    const phone = this.phones.get(name);
    if (!phone) throw new Error(`no phone named ${name}`);
    return phone;
  }

  async #hubPort(userID: string): Promise<{ port: SignalingPort; link: PhoneLink }> {
    const port = new LoopbackPort(this.hub.registry);
    await port.login(userID, this.hub.token(userID));
    const link: PhoneLink = {
      drop: () => port.drop(),
      reconnect: () => port.login(userID, this.hub.token(userID)),
      hold: () => port.hold(),
      release: () => port.release(),
    };
    return { port, link };
  }

  async #zimPort(userID: string): Promise<{ port: SignalingPort; link: PhoneLink }> {
    let sdk: ZimSdkDouble | null = null;
    const port = new ZimClient({
      appID: this.#cloud.appID,
      userID,
      token: async (id) => this.#cloud.issueToken(id),
      sdk: async (appID) => (sdk = this.#cloud.sdk(appID)),
      // Signing in again after a drop is left to reconnect(), so that tests decide when it happens.
      backoff: { initialMs: 3_600_000, maxMs: 3_600_000 },
    });
    await until(() => port.status.status === 'online', `${userID} signed in to the ZIM double`);
    const link: PhoneLink = {
      drop: () => sdk?.drop(),
      reconnect: async () => {
        await sdk!.login(userID, { userName: userID, token: this.#cloud.issueToken(userID), isOfflineLogin: false, customStatus: '', customStatusDuration: 0 });
        await until(() => port.status.status === 'online', `${userID} signed in again`);
      },
      hold: () => sdk?.hold(),
      release: () => sdk?.release(),
    };
    return { port, link };
  }
}

async function until(done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    if (done()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`timed out waiting until ${what}`);
}

/** The calls of a phone as "direction:peer:phase" strings, for readable assertions. */
export function callsOf(phone: Phone): string[] {
  return phone.manager.calls.map((call) => `${call.direction}:${call.peer}:${call.phase}`).sort();
}
