/**
 * What the tray shows for an AppState: an icon for the one thing most worth knowing at a glance,
 * a tooltip that says how busy the user is ("2 of 3 lines, 1 ringing"), and a menu that answers
 * every ringing call without opening a window. Pure; electron/desktop/tray.ts only renders it.
 */
import type { AppState, CallView, ConnectionView } from '../ipc/contract.js';
import { peerLabel } from '../ipc/peer.js';
import { ringingInArrivalOrder } from './ringing.js';

/**
 * In this order of precedence: a ringing call needs an answer now; do not disturb is a mode that
 * is easy to forget is on; a call in progress the user knows about already.
 */
export type TrayIcon = 'ringing' | 'dnd' | 'in-call' | 'idle';

export type TrayAction =
  | { type: 'accept'; callID: string }
  | { type: 'decline'; callID: string }
  | { type: 'setDnd'; enabled: boolean }
  | { type: 'show' }
  | { type: 'quit' };

export type TrayItem =
  | { kind: 'label'; label: string }
  | { kind: 'separator' }
  | { kind: 'action'; label: string; action: TrayAction }
  | { kind: 'checkbox'; label: string; checked: boolean; action: TrayAction };

export interface TrayView {
  icon: TrayIcon;
  tooltip: string;
  items: TrayItem[];
  /**
   * The app's badge (the dock on macOS, the launcher on Linux): the callers waiting for a call
   * back, 0 for none. It falls as they are called back or dismissed, never only when looked at.
   */
  badge: number;
}

export interface TrayState extends Pick<AppState, 'user' | 'limits' | 'dnd'> {
  connection: Pick<ConnectionView, 'status'>;
  calls: ReadonlyArray<Pick<CallView, 'callID' | 'peer' | 'peerName' | 'phase' | 'since' | 'reconnecting'>>;
  callbacks: ReadonlyArray<unknown>;
}

export function trayView(state: TrayState): TrayView {
  const ringing = ringingInArrivalOrder(state.calls);
  const tooltip = trayTooltip(state, ringing.length);
  // A call kept through a lost connection waits for it to be answered: no Accept it would refuse.
  const calls: TrayItem[] = ringing.filter((call) => !call.reconnecting).flatMap((call) => [
    { kind: 'action', label: `Accept call from ${peerLabel(call)}`, action: { type: 'accept', callID: call.callID } },
    { kind: 'action', label: `Decline call from ${peerLabel(call)}`, action: { type: 'decline', callID: call.callID } },
  ]);
  return {
    icon: ringing.length > 0 ? 'ringing' : state.dnd ? 'dnd' : state.calls.length > 0 ? 'in-call' : 'idle',
    tooltip,
    badge: state.user === null ? 0 : state.callbacks.length,
    items: [
      { kind: 'label', label: tooltip },
      { kind: 'separator' },
      ...(calls.length > 0 ? [...calls, { kind: 'separator' } as const] : []),
      { kind: 'checkbox', label: 'Do not disturb', checked: state.dnd, action: { type: 'setDnd', enabled: !state.dnd } },
      { kind: 'action', label: 'Show Switchboard', action: { type: 'show' } },
      { kind: 'action', label: 'Quit Switchboard', action: { type: 'quit' } },
    ],
  };
}

function trayTooltip(state: TrayState, ringing: number): string {
  if (state.user === null) return state.dnd ? 'Signed out, do not disturb' : 'Signed out';
  const parts = [`${state.calls.length} of ${state.limits.incoming} lines`];
  if (ringing > 0) parts.push(`${ringing} ringing`);
  if (state.callbacks.length > 0) parts.push(`${state.callbacks.length} waiting for a call back`);
  if (state.dnd) parts.push('do not disturb');
  if (state.connection.status !== 'online') parts.push(state.connection.status);
  return parts.join(', ');
}
