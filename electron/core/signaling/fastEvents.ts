/**
 * A fast path in front of the event schema (shared/protocol/hub.ts) for the event a flooded
 * softphone receives thousands of a second: callInvitationReceived, which it must read before it
 * can turn the call away. The schema stays the contract: this check only says yes to the event's
 * exact shape, and to nothing the schema would refuse, and hands on the parsed object itself where
 * the schema would copy it. Anything else answers null and goes to the schema. fastEvents.test.ts
 * checks the "only yes, and the same yes" promise against the schema on generated events.
 */
import type { CallUserInfo, HubEvents } from '../../../shared/protocol/hub.js';
import { objectWith } from '../../../shared/protocol/plainObject.js';

const RECEIVED_KEYS = ['callID', 'mode', 'caller', 'inviter', 'extendedData', 'timeout', 'createTime', 'callUserList'] as const;
const USER_KEYS = ['userID', 'state', 'extendedData'] as const;

/** The schema's z.number(): finite. */
function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** The schema's call user state: a safe integer from -1 to 10. */
function isUserState(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) >= -1 && (value as number) <= 10;
}

function isUserList(value: unknown): value is CallUserInfo[] {
  if (!Array.isArray(value)) return false;
  for (const entry of value) {
    const user = objectWith(entry, USER_KEYS);
    if (!user || typeof user.userID !== 'string' || !isUserState(user.state) || typeof user.extendedData !== 'string') return false;
  }
  return true;
}

export function fastInvitationReceived(data: unknown): HubEvents['callInvitationReceived'] | null {
  const event = objectWith(data, RECEIVED_KEYS);
  if (
    !event
    || typeof event.callID !== 'string' || !Number.isSafeInteger(event.mode) || typeof event.caller !== 'string'
    || typeof event.inviter !== 'string' || typeof event.extendedData !== 'string' || !isNumber(event.timeout)
    || !isNumber(event.createTime) || !isUserList(event.callUserList)
  ) {
    return null;
  }
  return event as unknown as HubEvents['callInvitationReceived'];
}
