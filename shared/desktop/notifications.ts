/**
 * Which native notifications an AppState change calls for. Every call that starts ringing gets
 * one, even with the main window in front: the card windows can sit on another display, and the
 * notification centre is where a missed glance is found again. A busy outcome (the person this
 * user called turned the call away) gets one only when the main window, which shows the same
 * notice, is not focused. Pure; electron/desktop/notifications.ts only shows them.
 */
import type { AppState, CallView, Notice } from '../ipc/contract.js';
import { peerLabel } from '../ipc/peer.js';
import { ringingInArrivalOrder } from './ringing.js';

export type NotificationAnswer = 'accept' | 'decline';

export type NotificationSpec =
  | {
      kind: 'incoming';
      callID: string;
      title: string;
      body: string;
      /** Buttons, where the platform shows them (macOS, Windows), in this order. */
      actions: ReadonlyArray<{ label: string; answer: NotificationAnswer }>;
    }
  | { kind: 'busy'; noticeId: number; title: string; body: string };

export interface NotificationPlan {
  show: NotificationSpec[];
  /** Calls whose incoming notification is stale: they stopped ringing. */
  withdraw: string[];
}

export interface NotifyState extends Pick<AppState, 'limits'> {
  calls: ReadonlyArray<Pick<CallView, 'callID' | 'peer' | 'peerName' | 'phase' | 'since' | 'priority'>>;
  notices: ReadonlyArray<Pick<Notice, 'id' | 'kind' | 'text'>>;
}

export const NO_STATE: NotifyState = { limits: { incoming: 0, outgoing: 0 }, calls: [], notices: [] };

export function notificationsFor(prev: NotifyState, next: NotifyState, context: { mainFocused: boolean }): NotificationPlan {
  const wasRinging = new Set(ringingInArrivalOrder(prev.calls).map((call) => call.callID));
  const ringing = ringingInArrivalOrder(next.calls);
  const isRinging = new Set(ringing.map((call) => call.callID));
  // Priority callers may ring beyond the limit: never "2 of 1 lines".
  const lines =
    next.calls.length <= next.limits.incoming
      ? `${next.calls.length} of ${next.limits.incoming} lines in use`
      : `${next.calls.length} lines in use, limit ${next.limits.incoming}`;
  const incoming: NotificationSpec[] = ringing
    .filter((call) => !wasRinging.has(call.callID))
    .map((call) => ({
      kind: 'incoming',
      callID: call.callID,
      title: `${call.priority ? 'Priority call' : 'Incoming call'} from ${peerLabel(call)}`,
      body: lines,
      actions: [
        { label: 'Accept', answer: 'accept' },
        { label: 'Decline', answer: 'decline' },
      ],
    }));
  const known = new Set(prev.notices.map((notice) => notice.id));
  const busy: NotificationSpec[] = context.mainFocused
    ? []
    : next.notices
        .filter((notice) => notice.kind === 'busy' && !known.has(notice.id))
        .map((notice) => ({ kind: 'busy', noticeId: notice.id, title: 'Call turned away', body: notice.text }));
  return { show: [...incoming, ...busy], withdraw: [...wasRinging].filter((callID) => !isRinging.has(callID)) };
}
