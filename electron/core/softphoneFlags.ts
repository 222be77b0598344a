/**
 * The softphone's numeric flags, read alike by `npm run web` and the desktop app, and checked
 * against the softphone's ranges where they are read, so that an error names the flag.
 */
import { HISTORY_RETENTION_MAX, LIMIT_MAX, LIMIT_MIN } from '../../shared/ipc/constants.js';
import { MAX_CALL_TIMEOUT_S } from '../../shared/protocol/hub.js';
import { wholeNumber } from './wholeNumber.js';

export interface SoftphoneNumbers {
  incomingLimit?: number;
  outgoingLimit?: number;
  callTimeout?: number;
  /** --history-limit: history entries kept. */
  historyLimit?: number;
}

export type SoftphoneNumberFlag = 'incoming-limit' | 'outgoing-limit' | 'call-timeout' | 'history-limit';

/** @param flag the text given for a flag, or undefined */
export function softphoneNumbers(flag: (name: SoftphoneNumberFlag) => string | undefined): SoftphoneNumbers {
  return {
    incomingLimit: wholeNumber('--incoming-limit', flag('incoming-limit'), LIMIT_MIN, LIMIT_MAX),
    outgoingLimit: wholeNumber('--outgoing-limit', flag('outgoing-limit'), LIMIT_MIN, LIMIT_MAX),
    callTimeout: wholeNumber('--call-timeout', flag('call-timeout'), 1, MAX_CALL_TIMEOUT_S),
    historyLimit: wholeNumber('--history-limit', flag('history-limit'), 1, HISTORY_RETENTION_MAX),
  };
}
