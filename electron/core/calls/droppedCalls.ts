/**
 * The calls a softphone dropped with its connection, left on the hub once it is back. The hub
 * ends a dropped user's calls only once it sees the connection go, which for a network failure
 * can be a heartbeat timeout later than the reconnect: what was dropped here is left on the hub
 * too, so that no peer stays connected to (or rung by) a call this softphone has ended.
 */
import { CallState } from '../../../shared/calls/enums.js';
import { readKitInvitation } from '../../../shared/calls/zegoKit.js';
import type { CallPhase } from '../../../shared/ipc/contract.js';
import { HubError, ZimErrorCode } from '../../../shared/protocol/errors.js';
import type { SignalingPort } from '../signaling/port.js';

/** How far back the call list is searched for dials lost with the connection: ZIM's largest page. */
const LOST_DIAL_SEARCH = 100;

type Leave = 'callEnd' | 'callQuit';

export interface DroppedCall {
  callID: string;
  phase: CallPhase;
  /** This user's accept was in flight: the hub may have taken it just before the connection went. */
  answering: boolean;
  /** Unique to each dial: finds a dial whose reply was lost in the hub's call list. */
  room: string;
}

export class DroppedCalls {
  readonly #port: SignalingPort;
  readonly #userID: string;
  /** Sends a request whose failure is only logged (CallManager's). */
  readonly #bestEffort: (what: string, send: () => Promise<unknown>) => void;
  /** Calls to leave on the hub, and how: cancel one nobody answered, else end or quit it. */
  readonly #calls = new Map<string, { cancel: boolean; leave: Leave }>();
  /** Rooms of dials whose callInvite reply was lost with the connection: the hub may have placed them. */
  readonly #lostDials = new Set<string>();

  constructor(port: SignalingPort, userID: string, bestEffort: (what: string, send: () => Promise<unknown>) => void) {
    this.#port = port;
    this.#userID = userID;
    this.#bestEffort = bestEffort;
  }

  remember(call: DroppedCall, group: boolean): void {
    const leave = group ? 'callQuit' : 'callEnd';
    if (call.phase === 'connected' || call.answering) this.#calls.set(call.callID, { cancel: false, leave });
    else if (call.phase === 'calling') this.#calls.set(call.callID, { cancel: true, leave });
    else if (call.phase === 'dialing') this.#lostDials.add(call.room);
  }

  /** Back online: leaves every call remembered, except those `ringsAgain` (the hub never took the answer and sent the invitation anew on sign-in). */
  leaveOnHub(ringsAgain: (callID: string) => boolean): void {
    for (const [callID, how] of this.#calls) if (!ringsAgain(callID)) this.#leave(callID, how);
    this.#calls.clear();
    if (this.#lostDials.size > 0) this.#cancelLostDials();
  }

  #leave(callID: string, { cancel, leave }: { cancel: boolean; leave: Leave }): void {
    const leaveCall = () => this.#port.request(leave, { callID, config: {} });
    if (!cancel) {
      this.#bestEffort(`${leave} of dropped call ${callID}`, leaveCall);
      return;
    }
    this.#bestEffort(`callCancel of dropped call ${callID}`, () =>
      this.#port.request('callCancel', { invitees: [], callID, config: {} }).catch((error: unknown) => {
        // Answered while this side was cut off: the call is up on the hub, so leave it instead.
        if (error instanceof HubError && error.code === ZimErrorCode.CallCancelAfterAccept) return leaveCall();
        throw error;
      }),
    );
  }

  /**
   * A dial whose reply was lost with the connection may have been placed all the same, and would
   * ring for a caller who has given up. Its room, unique to each dial, finds it in the call list.
   */
  #cancelLostDials(): void {
    const rooms = new Set(this.#lostDials);
    this.#lostDials.clear();
    this.#bestEffort('looking for dials lost with the connection', async () => {
      const { callList } = await this.#port.request('queryCallInvitationList', { config: { count: LOST_DIAL_SEARCH } });
      for (const info of callList) {
        const room = readKitInvitation(info.extendedData)?.roomID;
        if (info.caller !== this.#userID || info.state !== CallState.Started || room === undefined || !rooms.has(room)) continue;
        const invitees = info.callUserList.filter((user) => user.userID !== this.#userID).length;
        this.#leave(info.callID, { cancel: true, leave: invitees > 1 ? 'callQuit' : 'callEnd' });
      }
    });
  }
}
