/**
 * Several softphones' CallManagers on one real hub registry, joined by loopback ports, with the
 * hub's fake clock: the whole call model under a test's control, no sockets, no sleeps.
 */
import type { HistoryEntry, Notice } from '../../../shared/ipc/contract.js';
import { TestHub } from '../hub/testkit.js';
import { LoopbackPort } from '../signaling/loopback.js';
import { CallManager } from './callManager.js';

export interface PhoneSetup {
  incoming?: number;
  outgoing?: number;
  dnd?: boolean;
  callTimeoutS?: number;
}

export interface Phone {
  userID: string;
  port: LoopbackPort;
  manager: CallManager;
  history: Array<Omit<HistoryEntry, 'id'>>;
  notices: Array<Omit<Notice, 'id' | 'at'>>;
}

export class TestWorld {
  readonly hub = new TestHub();
  readonly phones = new Map<string, Phone>();

  /** Signs `userID` in on a new device; `name` tells two devices of one user apart. */
  async add(userID: string, setup: PhoneSetup = {}, name = userID): Promise<Phone> {
    const port = new LoopbackPort(this.hub.registry);
    await port.login(userID, this.hub.token(userID));
    const phone: Phone = { userID, port, manager: null as unknown as CallManager, history: [], notices: [] };
    phone.manager = new CallManager(
      port,
      {
        changed: () => {},
        notice: (kind, text) => phone.notices.push({ kind, text }),
        history: (entry) => phone.history.push(entry),
      },
      {
        userID,
        limits: { incoming: setup.incoming ?? 3, outgoing: setup.outgoing ?? 1 },
        dnd: setup.dnd,
        callTimeoutS: setup.callTimeoutS,
        now: () => this.hub.clock.now(),
      },
    );
    this.phones.set(name, phone);
    return phone;
  }

  /** Lets every frame in flight arrive and every reaction to it run. */
  async settle(): Promise<void> {
    for (let i = 0; i < 30; i += 1) await new Promise((resolve) => setImmediate(resolve));
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
}

/** The calls of a phone as "direction:peer:phase" strings, for readable assertions. */
export function callsOf(phone: Phone): string[] {
  return phone.manager.calls.map((call) => `${call.direction}:${call.peer}:${call.phase}`).sort();
}
