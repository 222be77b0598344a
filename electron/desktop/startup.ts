/**
 * What main.ts decides before Electron is ready, kept free of Electron so that tests can drive
 * it: the flags, and the data directories. SWITCHBOARD_DATA_DIR may be relative (to the working
 * directory) or not exist yet, as may a new --profile's directory; both are made absolute and
 * created here, because Electron's app.setPath throws on anything else. A value that cannot be
 * used ends the start with a message that names it, and exit code 2, as a bad flag does; --help
 * ends it with the usage and exit code 0.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DATA_DIR_ENV, dataDirProblem, makePrivateDirectory } from '../core/paths.js';
import { errorText } from './log.js';
import { DESKTOP_USAGE, parseDesktopOptions, profileDataDir, type DesktopOptions } from './options.js';

/** The exit code of a start refused for its flags or environment. */
export const USAGE_EXIT_CODE = 2;

export interface StartPlan {
  options: DesktopOptions;
  /** Where the hub secret lives: shared by every profile. */
  sharedDataDir: string;
  /** Electron's userData for this run: settings, Chromium's storage, the single-instance lock. */
  profileDir: string;
}

export type StartDecision = ({ ok: true } & StartPlan) | { ok: false; message: string; exitCode: number };

export interface StartInput {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Electron's own userData directory, used when SWITCHBOARD_DATA_DIR is unset or empty. */
  defaultDataDir: string;
}

export function planStart(input: StartInput): StartDecision {
  // Before anything is read or made: --help only asks.
  if (input.argv.includes('--help')) return { ok: false, message: `${DESKTOP_USAGE}\n(each flag is described in the README, "Run modes and flags")`, exitCode: 0 };
  let options: DesktopOptions;
  try {
    options = parseDesktopOptions(input.argv, input.env);
  } catch (error) {
    return { ok: false, message: `switchboard: ${errorText(error)}`, exitCode: USAGE_EXIT_CODE };
  }
  const fromEnv = input.env[DATA_DIR_ENV];
  const envProblem = fromEnv ? dataDirProblem(fromEnv) : null;
  if (envProblem) return { ok: false, message: `switchboard: ${envProblem}`, exitCode: USAGE_EXIT_CODE };
  const sharedDataDir = fromEnv ? resolve(input.cwd, fromEnv) : input.defaultDataDir;
  const profileDir = profileDataDir(sharedDataDir, options.profile);
  const problem = makeDirectory(profileDir);
  if (problem) {
    const source = fromEnv ? `${DATA_DIR_ENV}="${fromEnv}"` : 'the data directory';
    return { ok: false, message: `switchboard: ${source}: ${problem}`, exitCode: USAGE_EXIT_CODE };
  }
  return { ok: true, options, sharedDataDir, profileDir };
}

/** Creates `dir` and its parents; says why it cannot be a data directory, or null. */
function makeDirectory(dir: string): string | null {
  try {
    makePrivateDirectory(dir);
  } catch (error) {
    return `cannot create the directory ${dir} (${errorText(error)})`;
  }
  // mkdir succeeds on an existing directory only, but a path can change under us; check once more.
  return statSync(dir, { throwIfNoEntry: false })?.isDirectory() ? null : `${dir} is not a directory`;
}
