/**
 * Who may hold a connection to the hub before signing in, and for how long. Sockets that never
 * sign in cost the hub file descriptors and memory without being anyone, so they are capped
 * (all connections, those not signed in, those not signed in from one address), must sign in
 * within a deadline, and share one byte budget for what they send. Signed in, one user holds at
 * most a few connections: an account must not be able to take every connection the hub has, nor
 * multiply the per-connection request rate by opening more. docs/protocol.md, "Admission",
 * describes the rules and their flags.
 */

export interface AdmissionLimits {
  /** Connections of every kind at once. */
  maxConnections: number;
  /** Connections not signed in (new, or after a logout) at once, from all addresses. */
  maxPendingLogins: number;
  /** Connections not signed in at once from one remote address. */
  maxPendingPerAddress: number;
  /** How long a connection may stay without signing in. */
  loginTimeoutMs: number;
  /** Bytes a second that all connections not signed in may send together (a token bucket, 1 s deep). */
  pendingBytesPerSecond: number;
  /** Connections signed in as one user at once; 0: no limit. */
  maxConnectionsPerUser: number;
}

export const DEFAULT_MAX_CONNECTIONS = 20_000;
export const DEFAULT_MAX_PENDING_LOGINS = 512;
export const DEFAULT_MAX_PENDING_PER_ADDRESS = 256;
export const DEFAULT_LOGIN_TIMEOUT_MS = 5_000;
export const DEFAULT_PENDING_BYTES_PER_SECOND = 1024 * 1024;
/** Far above the devices one person signs in from, far below what would lock others out. */
export const DEFAULT_MAX_CONNECTIONS_PER_USER = 16;
/** What a frame costs the budget at least: a flood of empty lines is a flood. */
const MIN_FRAME_CHARGE = 64;

export const DEFAULT_ADMISSION_LIMITS: AdmissionLimits = {
  maxConnections: DEFAULT_MAX_CONNECTIONS,
  maxPendingLogins: DEFAULT_MAX_PENDING_LOGINS,
  maxPendingPerAddress: DEFAULT_MAX_PENDING_PER_ADDRESS,
  loginTimeoutMs: DEFAULT_LOGIN_TIMEOUT_MS,
  pendingBytesPerSecond: DEFAULT_PENDING_BYTES_PER_SECOND,
  maxConnectionsPerUser: DEFAULT_MAX_CONNECTIONS_PER_USER,
};

export interface AdmissionStats {
  /** Sockets open, signed in or not. */
  connections: number;
  /** Sockets not signed in. */
  pending: number;
}

/** One accepted socket, from TCP accept to close. */
export interface Ticket {
  readonly address: string;
  /** Not signed in: counted against the pending caps and the shared budget. */
  pending: boolean;
  /** Whether the connection has sent a frame yet: its first one (the login) is never over budget. */
  spoke: boolean;
  /** The user it is signed in as, counted against the per-user cap; null when not signed in. */
  user: string | null;
}

export class Admission {
  readonly limits: AdmissionLimits;
  #connections = 0;
  #pending = 0;
  readonly #pendingByAddress = new Map<string, number>();
  readonly #signedInByUser = new Map<string, number>();
  #budget: number;
  #budgetAt: number;

  constructor(limits: AdmissionLimits, now: number) {
    this.limits = limits;
    this.#budget = limits.pendingBytesPerSecond;
    this.#budgetAt = now;
  }

  /** A new socket: a ticket, or why it is refused. */
  open(address: string): Ticket | string {
    const { maxConnections, maxPendingLogins, maxPendingPerAddress } = this.limits;
    if (this.#connections >= maxConnections) return `the hub holds its maximum of ${maxConnections} connections`;
    if (this.#pending >= maxPendingLogins) return `the hub holds its maximum of ${maxPendingLogins} connections not signed in`;
    if ((this.#pendingByAddress.get(address) ?? 0) >= maxPendingPerAddress) {
      return `${address} holds its maximum of ${maxPendingPerAddress} connections not signed in`;
    }
    this.#connections += 1;
    const ticket: Ticket = { address, pending: false, spoke: false, user: null };
    this.setPending(ticket, true);
    return ticket;
  }

  close(ticket: Ticket): void {
    this.#connections -= 1;
    this.setPending(ticket, false);
    this.setUser(ticket, null);
  }

  /** Why one more connection may not sign in as `userID`, or null when it may. */
  refuseSignIn(userID: string): string | null {
    const max = this.limits.maxConnectionsPerUser;
    const held = this.#signedInByUser.get(userID) ?? 0;
    if (max === 0 || held < max) return null;
    return `${userID} already has ${held} connections signed in, at most ${max}; close one first`;
  }

  /** The connection is signed in as `user` now (null: signed out). */
  setUser(ticket: Ticket, user: string | null): void {
    if (ticket.user === user) return;
    if (ticket.user !== null) countIn(this.#signedInByUser, ticket.user, -1);
    ticket.user = user;
    if (user !== null) countIn(this.#signedInByUser, user, 1);
  }

  /**
   * Charges a frame of a connection not signed in to the shared budget; false when the budget
   * is spent. A connection's first frame passes regardless, so a flood cannot keep a real user's
   * login out; the flooders' connections are closed and must reconnect, within the caps.
   */
  charge(ticket: Ticket, bytes: number, now: number): boolean {
    const first = !ticket.spoke;
    ticket.spoke = true;
    const { pendingBytesPerSecond } = this.limits;
    if (pendingBytesPerSecond === 0) return true;
    // As in RequestGate: a clock that stepped back refills nothing and takes nothing away.
    this.#budget = Math.min(pendingBytesPerSecond, this.#budget + (Math.max(0, now - this.#budgetAt) * pendingBytesPerSecond) / 1000);
    this.#budgetAt = now;
    const cost = Math.max(bytes, MIN_FRAME_CHARGE);
    if (first || this.#budget >= cost) {
      this.#budget -= cost;
      return true;
    }
    return false;
  }

  stats(): AdmissionStats {
    return { connections: this.#connections, pending: this.#pending };
  }

  /** The connection signed in (false) or out (true). A signed-out connection is never refused here: the deadline ends it. */
  setPending(ticket: Ticket, pending: boolean): void {
    if (ticket.pending === pending) return;
    ticket.pending = pending;
    const step = pending ? 1 : -1;
    this.#pending += step;
    countIn(this.#pendingByAddress, ticket.address, step);
  }
}

/** Adds `step` to a count kept in `counts`, forgetting counts that reach 0. */
function countIn(counts: Map<string, number>, key: string, step: number): void {
  const count = (counts.get(key) ?? 0) + step;
  if (count === 0) counts.delete(key);
  else counts.set(key, count);
}
