/**
 * A fast path in front of the parameter schemas (shared/protocol/hub.ts) for the requests every
 * call makes: callInvite, and the answers that carry only a call ID and extendedData (callEnd,
 * callAccept, callReject, callJoin, callQuit). The schemas stay the contract: these checks only
 * ever say yes, to the common shape of each request and to nothing the schema would refuse, and
 * return what the schema would return (defaults filled in). Anything else — an error, a
 * pushConfig, an unusual key — answers null and goes to the schema, which decides and words the
 * error. On the busy path the schemas took about a third of the registry's CPU and a quarter of
 * its garbage per call (docs/performance.md, round four); fastParams.test.ts checks the "only yes,
 * and the same yes" promise against the schemas on generated requests.
 */
import { CallMode } from '../../../shared/calls/enums.js';
import {
  DEFAULT_CALL_TIMEOUT_S,
  MAX_CALL_ID_LENGTH,
  MAX_CALL_TIMEOUT_S,
  MAX_EXTENDED_DATA,
  MAX_INVITEE_LIST,
  type MethodParams,
} from '../../../shared/protocol/hub.js';
import { objectWith } from '../../../shared/protocol/plainObject.js';
import { USER_ID_PATTERN } from '../../../shared/protocol/userId.js';

/** A field's value, or its default when the field is absent (the schema's default: undefined only, not null). */
function orDefault(value: unknown, fallback: unknown): unknown {
  return value === undefined ? fallback : value;
}

/**
 * UTF-16 units, where the schema counts code points: text with emoji near the limit goes to the
 * schema, which decides.
 */
function extendedData(value: unknown): string | null {
  const data = orDefault(value, '');
  return typeof data === 'string' && data.length <= MAX_EXTENDED_DATA ? data : null;
}

const INVITE_KEYS = ['invitees', 'config'] as const;
const INVITE_CONFIG_KEYS = ['timeout', 'mode', 'extendedData', 'enableNotReceivedCheck'] as const;

export function fastInviteParams(params: unknown): MethodParams<'callInvite'> | null {
  const top = objectWith(params, INVITE_KEYS);
  const config = top && objectWith(top.config, INVITE_CONFIG_KEYS);
  if (!top || !config) return null;
  const invitees = top.invitees;
  if (!Array.isArray(invitees) || invitees.length === 0 || invitees.length > MAX_INVITEE_LIST) return null;
  for (const userID of invitees) if (typeof userID !== 'string' || !USER_ID_PATTERN.test(userID)) return null;
  const timeout = orDefault(config.timeout, DEFAULT_CALL_TIMEOUT_S);
  if (!Number.isInteger(timeout) || (timeout as number) < 1 || (timeout as number) > MAX_CALL_TIMEOUT_S) return null;
  const mode = orDefault(config.mode, CallMode.General);
  if (mode !== CallMode.General && mode !== CallMode.Advanced) return null;
  const data = extendedData(config.extendedData);
  const check = orDefault(config.enableNotReceivedCheck, false);
  if (data === null || typeof check !== 'boolean') return null;
  return { invitees: invitees as string[], config: { timeout: timeout as number, mode, extendedData: data, enableNotReceivedCheck: check } };
}

const OPERATION_KEYS = ['callID', 'config'] as const;
const OPERATION_CONFIG_KEYS = ['extendedData'] as const;

/** callEnd, callAccept, callReject, callJoin and callQuit: { callID, config: { extendedData } }. */
export function fastOperationParams(params: unknown): MethodParams<'callEnd'> | null {
  const top = objectWith(params, OPERATION_KEYS);
  const config = top && objectWith(top.config, OPERATION_CONFIG_KEYS);
  if (!top || !config) return null;
  const callID = top.callID;
  if (typeof callID !== 'string' || callID.length === 0 || callID.length > MAX_CALL_ID_LENGTH) return null;
  const data = extendedData(config.extendedData);
  return data === null ? null : { callID, config: { extendedData: data } };
}
