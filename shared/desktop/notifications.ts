/**
 * Which native notifications an AppState change calls for. Every call that starts ringing gets
 * one, even with the main window in front: the card windows can sit on another display, and the
 * notification centre is where a missed glance is found again. A busy outcome (the person this
 * user called turned the call away) gets one only when the main window, which shows the same
 * notice, is not focused. A ringing call kept through a lost connection to the hub cannot be
 * answered until the connection is back: its notification is replaced, silently, by one without
 * Accept and Decline, and again by one with them once back. Pure; electron/desktop/notifications.ts
 * only shows them.
 */
import type { AppState, CallView, Notice } from '../ipc/contract.js';
import { peerLabel } from '../ipc/peer.js';
import { ANSWER_ONCE_BACK, ringingInArrivalOrder } from './ringing.js';

export type NotificationAnswer = 'accept' | 'decline';

export type NotificationSpec =
  | {
      kind: 'incoming';
      callID: string;
      title: string;
      body: string;
      /** Buttons, where the platform shows them (macOS, Windows), in this order; none while reconnecting. */
      actions: ReadonlyArray<{ label: string; answer: NotificationAnswer }>;
      /** A replacement for the call's earlier notification: the call already rang, so no sound. */
      silent: boolean;
    }
  | { kind: 'busy'; noticeId: number; title: string; body: string };

export interface NotificationPlan {
  show: NotificationSpec[];
  /** Calls whose incoming notification is stale: they stopped ringing, or are replaced in `show`. */
  withdraw: string[];
}

export interface NotifyState extends Pick<AppState, 'limits'> {
  calls: ReadonlyArray<Pick<CallView, 'callID' | 'peer' | 'peerName' | 'phase' | 'since' | 'priority' | 'reconnecting'>>;
  notices: ReadonlyArray<Pick<Notice, 'id' | 'kind' | 'text'>>;
}

export const NO_STATE: NotifyState = { limits: { incoming: 0, outgoing: 0 }, calls: [], notices: [] };

export function notificationsFor(prev: NotifyState, next: NotifyState, context: { mainFocused: boolean }): NotificationPlan {
  const wasRinging = new Map(ringingInArrivalOrder(prev.calls).map((call) => [call.callID, call]));
  const ringing = ringingInArrivalOrder(next.calls);
  const isRinging = new Set(ringing.map((call) => call.callID));
  // Priority callers may ring beyond the limit: never "2 of 1 lines".
  const lines =
    next.calls.length <= next.limits.incoming
      ? `${next.calls.length} of ${next.limits.incoming} lines in use`
      : `${next.calls.length} lines in use, limit ${next.limits.incoming}`;
  const announce = (call: NotifyState['calls'][number], silent: boolean): NotificationSpec => ({
    kind: 'incoming',
    callID: call.callID,
    title: `${call.priority ? 'Priority call' : 'Incoming call'} from ${peerLabel(call)}`,
    body: call.reconnecting ? ANSWER_ONCE_BACK : lines,
    actions: call.reconnecting
      ? []
      : [
          { label: 'Accept', answer: 'accept' },
          { label: 'Decline', answer: 'decline' },
        ],
    silent,
  });
  const incoming: NotificationSpec[] = [];
  const replaced: string[] = [];
  for (const call of ringing) {
    const before = wasRinging.get(call.callID);
    if (!before) incoming.push(announce(call, false));
    else if (Boolean(before.reconnecting) !== Boolean(call.reconnecting)) {
      replaced.push(call.callID);
      incoming.push(announce(call, true));
    }
  }
  const known = new Set(prev.notices.map((notice) => notice.id));
  const busy: NotificationSpec[] = context.mainFocused
    ? []
    : next.notices
        .filter((notice) => notice.kind === 'busy' && !known.has(notice.id))
        .map((notice) => ({ kind: 'busy', noticeId: notice.id, title: 'Call turned away', body: notice.text }));
  const stopped = [...wasRinging.keys()].filter((callID) => !isRinging.has(callID));
  return { show: [...incoming, ...busy], withdraw: [...stopped, ...replaced] };
}
