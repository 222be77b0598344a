/**
 * The update decisions, free of Electron: when to check (soon after start, then every few
 * hours, unless the user turned automatic checks off), what to do with what the feed offers
 * (download it in the background, then offer "Restart to update"), and when to install (only when
 * no call rings or is connected: a restart asked for during a call waits for free lines). A failed
 * check or download (a feed that is not YAML, a server that is down, a wrong checksum, a
 * truncated file) is shown, never installed, and retried at the next check.
 *
 * Where the releases come from is an UpdateSource: electron-updater's autoUpdater in the desktop
 * app (electron/desktop/updates.ts), or the same library's feed and download code over Node's
 * HTTP (nodeSource.ts), which the tests run against a local server.
 */
import { errorMessage } from '../../../shared/protocol/errors.js';
import type { UpdateStatus, UpdateView } from '../../../shared/ipc/contract.js';

export interface UpdateOffer {
  version: string;
}

export interface UpdateSource {
  /** The newest release if it is newer than the running app, else null; throws on feed problems. */
  check(): Promise<UpdateOffer | null>;
  /** Downloads `offer` and verifies its checksum; throws when the file is wrong or incomplete. */
  download(offer: UpdateOffer): Promise<void>;
  /** Quits and installs the downloaded release. */
  install(): void;
}

export interface UpdateTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const CHECK_EVERY_MS = 4 * 60 * 60 * 1000;
/** After start, once the app has signed in and settled. */
export const FIRST_CHECK_AFTER_MS = 30 * 1000;
/** A download that has not finished by then is abandoned (a server that stalls without closing). */
export const DOWNLOAD_TIMEOUT_MS = 30 * 60 * 1000;

export interface UpdateControllerOptions {
  version: string;
  /** The source, or why this run cannot update itself (not an installed app). */
  source: UpdateSource | { unavailable: string };
  autoCheck: boolean;
  timers?: UpdateTimers;
  checkEveryMs?: number;
  firstCheckAfterMs?: number;
  downloadTimeoutMs?: number;
  log?: (line: string) => void;
}

export class UpdateController {
  readonly #options: UpdateControllerOptions;
  readonly #source: UpdateSource | null;
  readonly #timers: UpdateTimers;
  readonly #listeners = new Set<() => void>();
  #view: UpdateView;
  #timer: unknown = null;
  #disposed = false;
  /** No call at all, ringing, dialing or connected: as linesChanged last said. */
  #linesFree = true;

  constructor(options: UpdateControllerOptions) {
    this.#options = options;
    this.#timers = options.timers ?? { setTimeout: (run, ms) => setTimeout(run, ms), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) };
    const unavailable = 'unavailable' in options.source ? options.source.unavailable : null;
    this.#source = 'unavailable' in options.source ? null : options.source;
    this.#view = {
      version: options.version,
      autoCheck: options.autoCheck,
      status: unavailable === null ? 'idle' : 'unavailable',
      available: null,
      detail: unavailable,
    };
  }

  get view(): UpdateView {
    return this.#view;
  }

  /** Told after every change of `view`; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Schedules the first check, if checks are automatic. */
  start(): void {
    this.#schedule(this.#options.firstCheckAfterMs ?? FIRST_CHECK_AFTER_MS);
  }

  setAutoCheck(enabled: boolean): void {
    if (enabled === this.#view.autoCheck) return;
    this.#set({ autoCheck: enabled });
    if (enabled) this.#schedule(this.#options.firstCheckAfterMs ?? FIRST_CHECK_AFTER_MS);
    else this.#cancel();
  }

  /** Checks now, and downloads what is newer. Resolves when done; never throws. */
  async check(): Promise<void> {
    const source = this.#source;
    const busy: UpdateStatus[] = ['checking', 'downloading', 'ready', 'waiting'];
    if (!source || this.#disposed || busy.includes(this.#view.status)) return;
    this.#cancel();
    this.#set({ status: 'checking', detail: null });
    let offer: UpdateOffer | null;
    try {
      offer = await source.check();
    } catch (error) {
      return this.#failed(`Could not check for updates: ${errorMessage(error)}`);
    }
    if (this.#disposed) return;
    if (!offer) {
      this.#set({ status: 'idle', available: null });
      return this.#schedule(this.#checkEveryMs);
    }
    this.#set({ status: 'downloading', available: offer.version });
    try {
      await this.#withTimeout(source.download(offer), this.#options.downloadTimeoutMs ?? DOWNLOAD_TIMEOUT_MS);
    } catch (error) {
      return this.#failed(`Could not download version ${offer.version}: ${errorMessage(error)}`);
    }
    if (this.#disposed) return;
    this.#set({ status: 'ready' });
  }

  /** "Restart to update": now if the lines are free, else as soon as they are. */
  restartToUpdate(): void {
    if (this.#view.status !== 'ready' && this.#view.status !== 'waiting') {
      throw new Error(this.#view.status === 'unavailable' ? `No update to install: ${this.#view.detail}` : 'No update is ready to install');
    }
    if (this.#linesFree) return this.#install();
    this.#set({ status: 'waiting' });
  }

  /** The softphone tells every change of its calls: a restart that waits goes ahead once the lines are free. */
  linesChanged(free: boolean): void {
    this.#linesFree = free;
    if (this.#view.status === 'waiting' && free) this.#install();
  }

  dispose(): void {
    this.#disposed = true;
    this.#cancel();
    this.#listeners.clear();
  }

  get #checkEveryMs(): number {
    return this.#options.checkEveryMs ?? CHECK_EVERY_MS;
  }

  #install(): void {
    this.#options.log?.(`installing version ${this.#view.available}`);
    this.#source?.install();
  }

  #failed(detail: string): void {
    if (this.#disposed) return;
    this.#options.log?.(detail);
    this.#set({ status: 'error', available: null, detail });
    this.#schedule(this.#checkEveryMs);
  }

  #schedule(ms: number): void {
    this.#cancel();
    if (!this.#source || !this.#view.autoCheck || this.#disposed) return;
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = null;
      void this.check();
    }, ms);
  }

  #cancel(): void {
    if (this.#timer === null) return;
    this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
    let handle: unknown;
    const timeout = new Promise<never>((_resolve, reject) => {
      handle = this.#timers.setTimeout(() => reject(new Error(`no end after ${Math.round(ms / 1000)} s`)), ms);
    });
    return Promise.race([work, timeout]).finally(() => this.#timers.clearTimeout(handle));
  }

  #set(change: Partial<UpdateView>): void {
    this.#view = { ...this.#view, ...change };
    for (const listener of this.#listeners) listener();
  }
}
