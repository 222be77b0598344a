/**
 * Admission of an incoming invitation, exactly as the reference flow (docs/zim-semantics.md,
 * "Reference flows") decides it: it rings only while ongoing calls < the incoming limit (and do
 * not disturb is off, but for a priority caller); otherwise it is turned away with the busy
 * reason, by callEnd or callReject as shared/calls/refusal.ts decides (callEnd on a 1v1
 * advanced-mode call, except from ZEGO's call kits, which read only callReject). A call kit's
 * invitation that is not a call is declined and never rings.
 */
import { encodeBusy, encodeDecline, type BusyCode } from '../../../shared/calls/busy.js';
import { refusalFor, type Refusal } from '../../../shared/calls/refusal.js';
import { readKitInvitation } from '../../../shared/calls/zegoKit.js';
import type { ParticipantState } from '../../../shared/ipc/contract.js';
import { LIMIT_MAX } from '../../../shared/ipc/constants.js';
import { HubError, ZimErrorCode, errorMessage } from '../../../shared/protocol/errors.js';
import type { HubEvents } from '../../../shared/protocol/hub.js';
import type { SignalingPort } from '../signaling/port.js';
import type { CallManagerSink } from './callManager.js';
import { placedAsGroup, type LiveCall } from './liveCall.js';
import { participantChange } from './participants.js';
import { busyDetail } from './wording.js';

/** What Admission needs from the CallManager that owns it: its port and clocks, its lines and how busy they may get. */
export interface AdmissionHost {
  readonly port: SignalingPort;
  readonly userID: string;
  now(): number;
  /** The clock that never steps, for how long a call lasts. */
  tick(): number;
  log(line: string): void;
  /** The live calls, read only: an admitted invitation is added through ring(). */
  readonly calls: ReadonlyMap<string, LiveCall>;
  /** Do not disturb, as set now. */
  dnd(): boolean;
  /** The incoming limit, as set now. */
  incomingLimit(): number;
  /** Whose calls ring through do not disturb and full lines. */
  isPriority(userID: string): boolean;
  /** Holds back an invitation while calls kept through a lost connection wait for the hub (KeptCalls); false: admit it now. */
  holdBack(data: HubEvents['callInvitationReceived']): boolean;
  /** An admitted invitation rings: it takes a line. */
  ring(call: LiveCall): void;
  readonly sink: Pick<CallManagerSink, 'history' | 'callbackPosition' | 'changed'>;
  /** Sends a request whose failure is only logged. */
  bestEffort(what: string, send: () => Promise<unknown>): void;
}

/** The CallManager's answer to each invitation that reaches this user: ring it, turn it away as busy, or decline it. */
export class Admission {
  readonly #host: AdmissionHost;

  constructor(host: AdmissionHost) {
    this.#host = host;
  }

  onReceived(data: HubEvents['callInvitationReceived']): void {
    const known = this.#host.calls.get(data.callID);
    if (known) {
      // Sent anew at sign-in while it rang on through a lost connection: its time left is the hub's.
      if (known.phase === 'ringing' && !known.answering) known.expiresAt = this.#host.now() + data.timeout * 1000;
      return;
    }
    if (this.#host.holdBack(data)) return;
    const kit = readKitInvitation(data.extendedData);
    if (kit && !kit.isCall) return this.#declineNotACall(data);
    const others = data.callUserList.filter((user) => user.userID !== this.#host.userID);
    const group = others.length > 1;
    const busy = this.#busyFor(data.inviter);
    if (busy) return this.#turnAway(data, refusalFor({ mode: data.mode, group, kit }), busy);
    const now = this.#host.now();
    const participants = new Map<string, ParticipantState>();
    for (const user of others) participants.set(user.userID, participantChange(user.state, user.extendedData)?.state ?? 'ringing');
    if (!participants.has(data.inviter)) participants.set(data.inviter, 'joined');
    // The name belongs to whoever the kit says sent it: after callingInvite it is the original caller's.
    const peerName = kit?.inviterName && (kit.inviterID ?? data.caller) === data.inviter ? kit.inviterName : undefined;
    this.#host.ring({
      callID: data.callID, direction: 'incoming', peer: data.inviter, peerName, phase: 'ringing', mode: data.mode, participants,
      startedAt: now, since: now, sinceTick: this.#host.tick(), expiresAt: now + data.timeout * 1000, answering: false, ownAnswer: null, cancelRequested: false,
      callback: kit?.callback ?? false,
      priority: this.#host.isPriority(data.inviter),
      fromKit: kit !== null && !kit.fromSwitchboard,
      room: kit?.roomID ?? data.callID,
      held: false, heldSince: 0, muted: false, heldBy: new Set(), waitingSince: null, invitedHere: new Set(), delivery: new Map(), added: new Set(), placedAsGroup: group && placedAsGroup(participants),
    });
  }

  /** A call kit's live-streaming invitation (a co-host request): not a call, so it never rings. */
  #declineNotACall(data: HubEvents['callInvitationReceived']): void {
    this.#host.log(`declined invitation ${data.callID} from ${data.inviter}: a call kit's live-streaming invitation, not a call`);
    this.#host.bestEffort('callReject', () => this.#host.port.request('callReject', { callID: data.callID, config: { extendedData: encodeDecline() } }));
  }

  /**
   * Why a new invitation from `inviter` is turned away, if it is: do not disturb, or every line
   * taken. A priority caller's rings through both, up to LIMIT_MAX calls in all, the most lines
   * anyone can have.
   */
  #busyFor(inviter: string): BusyCode | null {
    const lines = this.#host.calls.size;
    if (this.#host.isPriority(inviter)) return lines >= LIMIT_MAX ? 'call_limit_reached' : null;
    if (this.#host.dnd()) return 'do_not_disturb';
    return lines >= this.#host.incomingLimit() ? 'call_limit_reached' : null;
  }

  #turnAway(data: HubEvents['callInvitationReceived'], refusal: Refusal, code: BusyCode): void {
    const { port, sink } = this.#host;
    const now = this.#host.now();
    sink.history({
      callID: data.callID, direction: 'incoming', peer: data.inviter, outcome: 'turned-away',
      detail: `turned away: ${busyDetail(code)}`,
      startedAt: now, endedAt: now,
    }, false);
    // The caller's place is worth telling at the line limit, where a line will free; not under do not disturb.
    const position = code === 'call_limit_reached' ? sink.callbackPosition?.(data.inviter) : null;
    const extendedData = encodeBusy(code, position);
    sink.changed();
    const reject = (): Promise<unknown> => port.request('callReject', { callID: data.callID, config: { extendedData } });
    if (refusal === 'callReject') return this.#host.bestEffort(refusal, reject);
    // ZEGO's sources disagree on whether an invitee who has not accepted may end a call
    // (docs/zim-semantics.md, scenario 35): refused, the same busy answer goes by callReject,
    // or the caller would ring on until the call times out.
    port.request('callEnd', { callID: data.callID, config: { extendedData } }).catch((error: unknown) => {
      this.#host.log(`callEnd failed: ${errorMessage(error)}`);
      if (error instanceof HubError && error.code === ZimErrorCode.CallDoesNotExist) return;
      this.#host.bestEffort('callReject', reject);
    });
  }
}
