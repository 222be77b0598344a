/**
 * How an invitation is turned away (busy, do not disturb), in the form its caller reads:
 *
 * - a ZEGO call kit reads a refusal's reason only from a Rejected state; an invitation ended with
 *   callEnd closes its waiting page as "cancelled", so kits are always answered with callReject;
 * - any other caller (Switchboard, a ZIM-native app) gets callEnd for a 1v1 advanced-mode call,
 *   as the reference flow does, and callReject otherwise: callEnd exists only in advanced mode and
 *   would end a group call for everyone.
 *
 * The table of what each caller sends and gets is in docs/protocol.md, "ZEGO's call kits".
 */
import { CallMode } from './enums.js';
import type { KitInvitation } from './zegoKit.js';

export type Refusal = 'callEnd' | 'callReject';

export function refusalFor(invitation: { mode: CallMode; group: boolean; kit: KitInvitation | null }): Refusal {
  const { mode, group, kit } = invitation;
  if (kit && !kit.fromSwitchboard) return 'callReject';
  return mode === CallMode.Advanced && !group ? 'callEnd' : 'callReject';
}
