/**
 * settings.json in the profile's data directory. Reading never fails the app: a file that is
 * corrupt or truncated (a crash mid-write by an older version, a disk that filled up, a hand
 * edit) is renamed settings.json.corrupt-<time> and the app starts with defaults for whatever
 * could not be read, saying so; one that cannot be read at all is renamed
 * settings.json.unreadable-<time>, so that no save replaces it. Writes go to a temporary file that replaces the old one in one
 * rename, so a crash leaves either the old settings or the new, never half of each. A save that
 * fails (a read-only or full disk) is told to the user once, and again when saving works.
 */
import { errorMessage } from '../../../shared/protocol/errors.js';
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, realpath, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DEFAULT_SETTINGS, fieldsFromNewerVersions, parseSettings, type Settings } from './schema.js';

export const SETTINGS_FILE = 'settings.json';

export interface LoadedSettings {
  settings: Settings;
  /** For the user: what was wrong and where the bad file went; null when all was well. */
  warning: string | null;
}

export class SettingsStore {
  readonly path: string;
  readonly #log: (line: string) => void;
  /** Saves run one after another, so an older one never lands after a newer one. */
  #queue: Promise<void> = Promise.resolve();
  /** The user's warnings, once the app shows them (warnWith). */
  #warn: ((text: string) => void) | null = null;
  /** Whether the last save failed: the user heard so, or will once warnWith is called. */
  #failing = false;
  #untold: string | null = null;
  /** Fields of the file that a newer version wrote: written back with every save. */
  #newer: Record<string, unknown> = {};

  constructor(dataDir: string, log: (line: string) => void) {
    this.path = join(dataDir, SETTINGS_FILE);
    this.#log = log;
  }

  async load(now = new Date()): Promise<LoadedSettings> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if (isMissing(error)) return { settings: DEFAULT_SETTINGS, warning: null };
      // Set aside before anything is saved: the first save would otherwise replace settings
      // that are only unreadable for now (a file left to root by a sudo run, say).
      let kept: string;
      try {
        const aside = asideName(this.path, 'unreadable', now);
        await rename(this.path, aside);
        kept = `it was kept as ${aside}`;
      } catch (renameError) {
        kept = `it could not be set aside either (${errorMessage(renameError)})`;
      }
      const warning = `${this.path} could not be read (${errorMessage(error)}); ${kept}. Switchboard uses its default settings this time.`;
      this.#log(warning);
      return { settings: DEFAULT_SETTINGS, warning };
    }
    const { settings, problems } = parseSettings(text);
    this.#newer = fieldsFromNewerVersions(text);
    if (problems.length === 0) return { settings, warning: null };
    const aside = asideName(this.path, 'corrupt', now);
    let kept: string;
    try {
      await rename(this.path, aside);
      kept = `the damaged file was kept as ${aside}`;
      // What could be read is written back at once, so the next start does not lose it as well.
      await this.save(settings);
    } catch (error) {
      kept = `the damaged file could not be moved aside (${errorMessage(error)})`;
    }
    const usable = settings === DEFAULT_SETTINGS ? 'default settings' : 'defaults for those settings';
    const warning = `${this.path} was damaged (${problems.join('; ')}). Switchboard started with ${usable}; ${kept}.`;
    this.#log(warning);
    return { settings, warning };
  }

  /** Settles once every save asked for so far has landed or failed. */
  get idle(): Promise<void> {
    return this.#queue;
  }

  /** Where a save that fails is told to the user from now on; one that failed before is told at once. */
  warnWith(warn: (text: string) => void): void {
    this.#warn = warn;
    if (this.#untold !== null) warn(this.#untold);
    this.#untold = null;
  }

  /**
   * Resolves once this save (and every earlier one) is on disk. A failure is logged, never thrown;
   * the first of a run of failures, and the save that ends it, are told to the user.
   */
  save(settings: Settings): Promise<void> {
    const text = `${JSON.stringify({ ...settings, ...this.#newer }, null, 2)}\n`;
    this.#queue = this.#queue.then(
      () => writeAtomically(this.path, text).then(
        () => this.#saved(),
        (error: unknown) => this.#failed(error),
      ),
    );
    return this.#queue;
  }

  #saved(): void {
    if (!this.#failing) return;
    this.#failing = false;
    if (this.#untold !== null) this.#untold = null;
    else this.#tell(`Your settings are saved to ${this.path} again.`);
  }

  #failed(error: unknown): void {
    this.#log(`saving ${this.path} failed: ${errorMessage(error)}`);
    if (this.#failing) return;
    this.#failing = true;
    this.#tell(
      `Your settings cannot be saved to ${this.path} (${errorMessage(error)}). What you change applies to this run only; Switchboard tries again with each change.`,
    );
  }

  #tell(text: string): void {
    if (this.#warn) this.#warn(text);
    else this.#untold = text;
  }
}

async function writeAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  // Through a link (settings kept with someone's dotfiles): the file it names is replaced, not the link.
  const target = await realpath(path).catch((error: unknown) => {
    if (isMissing(error)) return path;
    throw error;
  });
  const temp = `${target}.${randomUUID()}.tmp`;
  try {
    const file = await open(temp, 'w', 0o600);
    try {
      await file.writeFile(text, 'utf8');
      // On disk before the rename makes it the settings: otherwise a power cut can leave an empty file.
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** settings.json.corrupt-<time>, settings.json.unreadable-<time>: where a file that could not be used is kept. */
function asideName(path: string, why: 'corrupt' | 'unreadable', now: Date): string {
  return `${path}.${why}-${now.toISOString().replace(/[:.]/g, '-')}`;
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

