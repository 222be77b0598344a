/**
 * What each event of the signaling port about a call under way means to this user: an invitation
 * cancelled, timed out or ended, and who came and went (this user too, on another device). An
 * event about a call a dial in flight has not named yet waits for it (EarlyEvents).
 */
import { busyNotice, decodeReason } from '../../../shared/calls/busy.js';
import { CallMode, CallUserState } from '../../../shared/calls/enums.js';
import type { CallOutcome } from '../../../shared/ipc/contract.js';
import { HubError, ZimErrorCode } from '../../../shared/protocol/errors.js';
import type { HubEvents } from '../../../shared/protocol/hub.js';
import type { SignalingPort } from '../signaling/port.js';
import type { CallManagerSink } from './callManager.js';
import type { EarlyEvents } from './earlyEvents.js';
import { forgetHoldsOfAbsent, generalCallOver, isGroup, updateWaiting, type LiveCall } from './liveCall.js';
import { currentPeer, isPresent, participantChange, trackDelivery, unansweredOutcome, type ParticipantChange } from './participants.js';
import { busyDetail } from './wording.js';

/** What CallProgress needs from the CallManager that owns it: its port, its live calls, and how it connects and ends them. */
export interface CallProgressHost {
  readonly port: SignalingPort;
  readonly userID: string;
  /** The live calls, read only: they change through the calls below (and in place, as a call's own state). */
  readonly calls: ReadonlyMap<string, LiveCall>;
  /** Events about calls a dial in flight has not named yet. */
  readonly early: EarlyEvents;
  /** Ends a call here and records how (the CallManager's one way to free a line); `endedHere`: this user ended it. */
  finish(callID: string, outcome: CallOutcome, detail: string, endedHere?: boolean): void;
  /** Someone answered a call this user placed: it takes the audio, and the call that had it is held. */
  connect(call: LiveCall): void;
  /** How long a call has been in its phase, as "2:03". */
  lasted(call: LiveCall): string;
  /** The clock (epoch ms). */
  now(): number;
  readonly sink: Pick<CallManagerSink, 'notice' | 'changed'>;
  /** Sends a request whose failure is only logged. */
  bestEffort(what: string, send: () => Promise<unknown>): void;
}

/** The CallManager's handlers of the port's events about calls under way. */
export class CallProgress {
  readonly #host: CallProgressHost;

  constructor(host: CallProgressHost) {
    this.#host = host;
  }

  onCancelled(data: HubEvents['callInvitationCancelled']): void {
    const call = this.#host.calls.get(data.callID);
    if (call?.direction === 'incoming' && call.phase === 'ringing') {
      this.#host.finish(data.callID, 'missed', `missed: ${call.peer} cancelled`);
    }
  }

  onTimeout(data: HubEvents['callInvitationTimeout']): void {
    const call = this.#host.calls.get(data.callID);
    if (call?.direction === 'incoming' && call.phase === 'ringing') {
      this.#host.finish(data.callID, 'missed', 'missed: not answered in time');
    }
  }

  onEnded(data: HubEvents['callInvitationEnded']): void {
    if (this.#host.early.stashIfEarly(data.callID, () => this.onEnded(data))) return;
    const call = this.#host.calls.get(data.callID);
    if (!call) return;
    const by = data.operatedUserID === this.#host.userID ? 'you' : data.operatedUserID;
    if (call.phase === 'connected') {
      const what = isGroup(call) ? 'ended the call' : 'hung up';
      this.#host.finish(data.callID, 'answered', `${by} ${what} after ${this.#host.lasted(call)}`, by === 'you');
    } else if (call.direction === 'incoming' && by === 'you') {
      this.#onEndedElsewhere(call, data.extendedData);
    } else if (call.direction === 'incoming') {
      this.#host.finish(data.callID, 'missed', `missed: ${by} ended the call`);
    } else {
      // A callee ending a call that rings at them is refusing it (reference flow: busy via callEnd).
      const reason = decodeReason(data.extendedData);
      const busy = reason?.reason === 'busy' ? reason : null;
      if (call.participants.has(data.operatedUserID)) call.participants.set(data.operatedUserID, busy ? 'busy' : 'declined');
      for (const [userID, state] of call.participants) if (state === 'ringing') call.participants.set(userID, 'cancelled');
      const { outcome, detail } = unansweredOutcome(call.participants, call.delivery);
      this.#host.finish(data.callID, outcome, detail);
      if (busy) this.#host.sink.notice('busy', busyNotice(data.operatedUserID, busy.code, busy.position));
    }
  }

  onUserStateChanged(data: HubEvents['callUserStateChanged']): void {
    if (this.#host.early.stashIfEarly(data.callID, () => this.onUserStateChanged(data))) return;
    const call = this.#host.calls.get(data.callID);
    if (!call) return;
    const busyNotices: string[] = [];
    const unreachable: string[] = [];
    let changed = false;
    for (const user of data.callUserList) {
      if (user.state === CallUserState.NotYetReceived && call.invitedHere.has(user.userID)) unreachable.push(user.userID);
      if (call.invitedHere.has(user.userID)) trackDelivery(call.delivery, user.userID, user.state);
      if (user.userID === this.#host.userID) {
        this.onOwnState(call, participantChange(user.state, user.extendedData));
        if (this.#host.calls.get(data.callID) !== call) return;
        continue;
      }
      const change = participantChange(user.state, user.extendedData);
      if (!change || call.participants.get(user.userID) === change.state) continue;
      call.participants.set(user.userID, change.state);
      changed = true;
      if (change.state === 'busy' && call.invitedHere.has(user.userID)) busyNotices.push(busyNotice(user.userID, change.busyCode ?? 'unknown', change.busyPosition));
    }
    if (changed) this.afterParticipantsChanged(call);
    // After the call's own update, so whoever shows the notice sees the line already freed.
    for (const text of busyNotices) this.#host.sink.notice('busy', text);
    for (const userID of unreachable) this.#host.sink.notice('info', `${userID} is offline; still ringing until they come back or the call times out`);
  }

  /** Our own state changed on another device (or echoed back to this one). */
  onOwnState(call: LiveCall, change: ParticipantChange | null): void {
    if (call.direction !== 'incoming' || call.phase !== 'ringing' || !change) return;
    if (call.answering) {
      call.ownAnswer = change;
      return;
    }
    if (change.state === 'joined') this.#host.finish(call.callID, 'answered', 'answered on another device', true);
    else if (change.state === 'declined') this.#host.finish(call.callID, 'declined', 'declined on another device', true);
    else if (change.state === 'busy') {
      // Turned away there (its limit, do not disturb): the caller waits for a call back here too.
      this.#host.finish(call.callID, 'turned-away', `turned away: ${busyDetail(change.busyCode)}, on another device`);
    }
  }

  /** Another device of this user ended a call that rang here: it turned it away as busy, or declined it. */
  #onEndedElsewhere(call: LiveCall, extendedData: string): void {
    const reason = decodeReason(extendedData);
    if (reason?.reason === 'busy') this.onOwnState(call, { state: 'busy', busyCode: reason.code });
    else this.#host.finish(call.callID, 'declined', 'declined on another device', true);
  }

  /** Connects a call someone joined; ends one that nobody else is in any more. */
  afterParticipantsChanged(call: LiveCall): void {
    forgetHoldsOfAbsent(call);
    updateWaiting(call, this.#host.now());
    // Handed over: the call is named for whoever is in it now, here, in History and in its outcome.
    const peer = currentPeer(call.peer, call.participants);
    if (peer !== call.peer) {
      call.firstWith ??= call.peer;
      call.peer = peer;
      call.peerName = undefined;
    }
    const states = [...call.participants.values()];
    // A call this user placed while talking on another holds that one; only answering may end it.
    if (call.phase === 'calling' && states.includes('joined')) return this.#host.connect(call);
    if (call.phase === 'connected' && generalCallOver(call)) {
      return this.#host.finish(call.callID, 'answered', `everyone has answered; the general-mode call ended after ${this.#host.lasted(call)}`);
    }
    if (states.some(isPresent)) return this.#host.sink.changed();
    if (call.phase === 'ringing') {
      // Everyone else left while it rang (an advanced call stays open on the hub for its
      // invitees): answering would join an empty call, so it is declined and counted as missed.
      this.#host.finish(call.callID, 'missed', 'missed: everyone else left');
      this.#host.bestEffort('callReject', () =>
        this.#host.port.request('callReject', { callID: call.callID, config: {} }).catch((error: unknown) => {
          // Our answer got there first: alone in a call the hub keeps open, end it.
          if (call.answering && error instanceof HubError && error.code === ZimErrorCode.CallDoesNotExist) {
            return this.#host.port.request('callEnd', { callID: call.callID, config: {} });
          }
          throw error;
        }),
      );
      return;
    }
    if (call.phase === 'connected') {
      const last = [...call.participants.keys()].at(-1) ?? '';
      const detail = isGroup(call) ? 'everyone else left' : `${last} hung up`;
      this.#host.finish(call.callID, 'answered', `${detail} after ${this.#host.lasted(call)}`);
    } else {
      const { outcome, detail } = unansweredOutcome(call.participants, call.delivery);
      this.#host.finish(call.callID, outcome, detail);
    }
    // Alone in an advanced-mode call: end it, or the hub keeps it open until someone does.
    if (call.mode === CallMode.Advanced) {
      this.#host.bestEffort('callEnd', () => this.#host.port.request('callEnd', { callID: call.callID, config: {} }));
    }
  }
}
