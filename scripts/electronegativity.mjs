/**
 * electronegativity's checks, run as a library and judged here: the tool itself exits 0 whatever
 * it finds, and its CSV and SARIF reports leave out every file it failed to parse, so a file it
 * cannot read would pass as clean. A finding of HIGH or MEDIUM severity fails, and so does a file
 * it could not parse. A finding is silenced only by `// eng-disable CHECK_ID` on its line, with
 * the reason beside it. Types in electronegativity.d.mts; scripts/lint-electron.mjs is the CLI.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import run from '@doyensec/electronegativity';

const require = createRequire(import.meta.url);

export const FAILING_SEVERITIES = ['HIGH', 'MEDIUM'];

/**
 * Checks not run. AVAILABLE_SECURITY_FIXES reads the Electron version from a package.json in the
 * scanned folder, which electron/ does not have, and downloads Electron's release list on every
 * run, which CI cannot reach; the version is pinned in package.json and passed in below instead.
 */
export const EXCLUDED_CHECKS = ['availablesecurityfixesglobalcheck'];

/** The Electron the app is built with, so checks judge its defaults rather than Electron 0.1's. */
export function electronVersion() {
  return JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
}

/** Runs every check on `input` (a directory or file). */
export async function scan(input) {
  const { issues, errors } = await run({
    input,
    isRelative: true,
    electronVersionOverride: electronVersion(),
    excludeFromScan: EXCLUDED_CHECKS,
  });
  return {
    issues: issues.map((issue) => ({
      id: issue.id,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      file: issue.file,
      line: issue.location.line,
      column: issue.location.column,
      description: issue.description,
    })),
    errors: errors.map(({ file, message, tolerable }) => ({ file, message, tolerable })),
  };
}

/** What fails the run, and what is only worth a look. */
export function judge({ issues, errors }) {
  const failing = new Set(FAILING_SEVERITIES);
  const describe = (issue) => `${issue.severity} ${issue.id} at ${issue.file}:${issue.line}:${issue.column} (${issue.confidence}): ${issue.description}`;
  const unparsed = (error) => `${error.file} could not be parsed, so it was not checked: ${error.message}`;
  return {
    failures: [
      ...errors.filter((error) => !error.tolerable).map(unparsed),
      ...issues.filter((issue) => failing.has(issue.severity)).map(describe),
    ],
    notes: [
      ...errors.filter((error) => error.tolerable).map((error) => `${error.file}: ${error.message}`),
      ...issues.filter((issue) => !failing.has(issue.severity)).map(describe),
    ],
  };
}
