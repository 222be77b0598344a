/**
 * The ZEGO Express half of the media stream from the renderer that carries the audio (ZIM
 * backend): a request for the Express token, answered on the same stream, and a member leaving a
 * call's Express room, handed to the CallManager. Hub media signals are not handled here
 * (calls/mediaRelay.ts).
 */
import { expressTokenRequestSchema, mediaRoomLeftSchema, type ExpressTokenMessage } from '../../../shared/ipc/media.js';
import { errorMessage } from '../../../shared/protocol/errors.js';
import { describeIssue } from '../../../shared/protocol/issues.js';

export interface ExpressPorts {
  /** Fetches the Express token for the signed-in user; null on the hub backend, which has no Express. */
  token: (() => Promise<string>) | null;
  roomLeft(callID: string, userID: string): void;
  deliver(message: ExpressTokenMessage): void;
  log(line: string): void;
}

/** Handles `input` when it is an Express message and returns true; false for anything else. Never throws. */
export function handleExpressMessage(input: unknown, ports: ExpressPorts): boolean {
  if (typeof input !== 'object' || input === null) return false;
  if ('expressToken' in input) {
    const parsed = expressTokenRequestSchema.safeParse(input);
    if (!parsed.success) ports.log(`refused an Express token request from the renderer: ${describeIssue(parsed.error.issues[0])}`);
    else if (!ports.token) ports.log('refused an Express token request: this backend carries audio over WebRTC, not ZEGO Express');
    else {
      ports.token().then(
        (token) => ports.deliver({ expressToken: token }),
        (error: unknown) => ports.deliver({ expressTokenError: errorMessage(error) }),
      );
    }
    return true;
  }
  if ('roomLeft' in input) {
    const parsed = mediaRoomLeftSchema.safeParse(input);
    if (!parsed.success) ports.log(`refused a media room report from the renderer: ${describeIssue(parsed.error.issues[0])}`);
    else ports.roomLeft(parsed.data.roomLeft.callID, parsed.data.roomLeft.userID);
    return true;
  }
  return false;
}
