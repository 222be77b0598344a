/**
 * The callee side of the busy path and the burst: real CallManagers over real HubClients, as the
 * softphone runs them, with a sink that discards history and only counts. They run either in the
 * bench process itself (localCallees) or in a process of their own (bench/callee.ts, remoteCallees).
 */
import { mintToken } from '../../electron/core/auth/token.js';
import { CallManager } from '../../electron/core/calls/callManager.js';
import { HubClient } from '../../electron/core/signaling/hubClient.js';
import type { BenchProcess } from './procs.js';

export interface CalleeStats {
  /** Calls ringing now (nothing is ever answered here, so every live call is ringing). */
  ongoing: number;
  /** The most calls that ever rang at once since the start or the last reset. */
  maxOngoing: number;
  turnedAway: number;
  ringing: string[];
  /** Requests the CallManager sent that failed (its log lines). */
  failures: number;
  lastFailure: string;
}

interface Callee {
  client: HubClient;
  manager: CallManager;
  maxOngoing: number;
  turnedAway: number;
  failures: number;
  lastFailure: string;
}

/** CallManagers hosted by the current process. */
export class Callees {
  readonly #secret: string;
  readonly #callees = new Map<string, Callee>();

  constructor(secret: string) {
    this.#secret = secret;
  }

  /** Signs `userID` in with an incoming limit of `limit`; resolves once its HubClient is online. */
  start(hubUrl: string, userID: string, limit: number): Promise<void> {
    const secret = this.#secret;
    const client = new HubClient({
      url: hubUrl,
      userID,
      token: () => mintToken(secret, userID, Date.now()),
      log: (line) => process.stderr.write(`[${userID}] ${line}\n`),
    });
    const callee: Callee = { client, manager: null as unknown as CallManager, maxOngoing: 0, turnedAway: 0, failures: 0, lastFailure: '' };
    callee.manager = new CallManager(
      client,
      {
        // Every admission is followed by changed(), so this sees every peak of ringing calls.
        changed: () => {
          const ongoing = callee.manager.ongoing;
          if (ongoing > callee.maxOngoing) callee.maxOngoing = ongoing;
        },
        notice: () => {},
        history: (entry) => {
          if (entry.outcome === 'turned-away') callee.turnedAway += 1;
        },
      },
      {
        userID,
        limits: { incoming: limit, outgoing: 1 },
        log: (line) => {
          callee.failures += 1;
          callee.lastFailure = line;
        },
      },
    );
    this.#callees.set(userID, callee);
    return new Promise((resolve) => {
      const stop = client.onStatus((status) => {
        if (status.status !== 'online') return;
        stop();
        resolve();
      });
    });
  }

  stats(userID: string): CalleeStats {
    const callee = this.#get(userID);
    return {
      ongoing: callee.manager.ongoing,
      maxOngoing: callee.maxOngoing,
      turnedAway: callee.turnedAway,
      ringing: callee.manager.calls.filter((call) => call.phase === 'ringing').map((call) => call.callID),
      failures: callee.failures,
      lastFailure: callee.lastFailure,
    };
  }

  /** Zeroes the counters; the most ever ringing becomes the number ringing now. */
  reset(userID: string): CalleeStats {
    const callee = this.#get(userID);
    callee.maxOngoing = callee.manager.ongoing;
    callee.turnedAway = 0;
    callee.failures = 0;
    return this.stats(userID);
  }

  close(): void {
    for (const callee of this.#callees.values()) {
      callee.manager.dispose();
      callee.client.close();
    }
    this.#callees.clear();
  }

  #get(userID: string): Callee {
    const callee = this.#callees.get(userID);
    if (!callee) throw new Error(`no callee ${userID}`);
    return callee;
  }
}

/** Where the callees run, as the scenarios see it. */
export interface CalleeHost {
  /** The process they run in (for CPU accounting). */
  readonly pid: number;
  start(hubUrl: string, userID: string, limit: number): Promise<void>;
  stats(userID: string): Promise<CalleeStats>;
  reset(userID: string): Promise<CalleeStats>;
  stop(): Promise<void>;
}

export function localCallees(secret: string): CalleeHost {
  const callees = new Callees(secret);
  return {
    pid: process.pid,
    start: (hubUrl, userID, limit) => callees.start(hubUrl, userID, limit),
    stats: async (userID) => callees.stats(userID),
    reset: async (userID) => callees.reset(userID),
    stop: async () => callees.close(),
  };
}

/** Callees in a process of their own, spawned from bench/callee.ts. */
export function remoteCallees(proc: BenchProcess): CalleeHost {
  return {
    pid: proc.pid,
    start: async (hubUrl, userID, limit) => {
      await proc.ask({ type: 'start', userID, limit, hubUrl });
    },
    stats: (userID) => proc.ask<CalleeStats>({ type: 'stats', userID }),
    reset: (userID) => proc.ask<CalleeStats>({ type: 'reset', userID }),
    stop: () => proc.stop(),
  };
}
