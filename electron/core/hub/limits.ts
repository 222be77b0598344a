/**
 * The hub's limits against abuse: a request rate per connection (a token bucket), and a cap on
 * the invitations one user may have ringing at once. Both sit far above what a softphone does,
 * so that only a runaway or hostile client meets them. docs/protocol.md, "Limits", describes them.
 */
import { isPending } from '../../../shared/calls/enums.js';
import { HubError, ZimErrorCode } from '../../../shared/protocol/errors.js';
import { MAX_RETRY_AFTER_MS } from '../../../shared/protocol/hub.js';
import type { ParsedFrame } from './frames.js';
import type { Session, User } from './model.js';

/** Requests a connection may send per second, sustained; 0 turns the limit off. */
export const DEFAULT_REQUESTS_PER_SECOND = 100;
/** Requests a connection may send at once before the sustained rate applies. */
export const DEFAULT_REQUEST_BURST = 200;
/** Calls a user may have ringing at once with invitations of theirs still unanswered. */
export const DEFAULT_MAX_OPEN_INVITATIONS = 100;
/** RFC 6455 "policy violation": the close code for a connection that keeps flooding. */
export const CLOSE_POLICY_VIOLATION = 1008;

export type GateVerdict = 'pass' | 'refuse' | 'close';

/**
 * A token bucket per connection. Every frame takes a token, served or not; a frame is served
 * only while a token was left. Refused frames drive the bucket into debt, so a client that goes
 * on sending after being refused runs up `burst` frames of debt and is closed, while one that
 * slows down is served again once the debt is repaid.
 */
export class RequestGate {
  readonly perSecond: number;
  readonly burst: number;
  #tokens: number;
  #last: number;

  constructor(perSecond: number, burst: number, now: number) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.#tokens = burst;
    this.#last = now;
  }

  admit(now: number): GateVerdict {
    if (this.perSecond === 0) return 'pass';
    // A clock that stepped back (NTP, a changed system time) earns nothing, and costs nothing either.
    this.#tokens = Math.min(this.burst, this.#tokens + (Math.max(0, now - this.#last) * this.perSecond) / 1000);
    this.#last = now;
    this.#tokens -= 1;
    if (this.#tokens >= 0) return 'pass';
    return this.#tokens < -this.burst ? 'close' : 'refuse';
  }

  /** Gives back the token a frame took: it answered an invitation (see answersOwedInvitation). */
  refund(): void {
    this.#tokens += 1;
  }

  /** How long until the bucket holds a whole token again: when a frame sent then is served (at most an hour, as the wire allows). */
  retryAfterMs(): number {
    return Math.min(Math.ceil((Math.max(0, 1 - this.#tokens) * 1000) / this.perSecond), MAX_RETRY_AFTER_MS);
  }

  /** What a refused frame is told, and the reason a closed connection is given. */
  describe(): string {
    return `too many requests: at most ${this.perSecond} a second (bursts of ${this.burst})`;
  }
}

/**
 * Whether a frame over the limit answers an invitation delivered to this connection and still
 * ringing: such a frame is served anyway, once per invitation. A softphone flooded with
 * invitations turns each away with a request of its own, thousands a second at a support desk;
 * those answers are the hub's work, not the client's abuse, and each invitation pays for one.
 */
export function answersOwedInvitation(session: Session, parsed: ParsedFrame): boolean {
  if (!session.owed || session.owed.size === 0) return false;
  // A media signal answers nothing: it must not spend the credit the invitation's answer needs.
  if (parsed.ok && parsed.method === 'callMediaSignal') return false;
  const callID = parsed.ok ? (parsed.params as { callID?: unknown } | undefined)?.callID : undefined;
  return typeof callID === 'string' && session.owed.delete(callID);
}

/** The 6000005 reply to a refused frame, carrying its id when the frame has a readable one, and when to send again. */
export function tooFrequentFrame(id: number | null, gate: RequestGate): string {
  return JSON.stringify({ id, error: { code: ZimErrorCode.FrequencyLimit, message: `${gate.describe()}; slow down and retry`, retryAfterMs: gate.retryAfterMs() } });
}

/** Refuses a new invitation from a user who already has `max` calls ringing with theirs. */
export function failIfTooManyOpen(method: string, user: User, max: number): void {
  const open = openInvitations(user);
  if (open >= max) {
    throw new HubError(
      ZimErrorCode.CallServerError,
      `${method}: ${user.userID} already has ${open} invitations ringing, at most ${max}; cancel one or wait for an answer`,
    );
  }
}

/** Started calls in which someone this user invited has not answered yet. */
export function openInvitations(user: User): number {
  let count = 0;
  for (const call of user.liveCalls) {
    for (const member of call.members.values()) {
      if (member.inviter === user.userID && member.user !== user && isPending(member.state)) {
        count += 1;
        break;
      }
    }
  }
  return count;
}
