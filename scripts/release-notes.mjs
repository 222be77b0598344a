#!/usr/bin/env node
/**
 * `node scripts/release-notes.mjs 0.2.0`: prints CHANGELOG.md's section for that version, the
 * notes of its draft release (.github/workflows/desktop.yml). A version without a section is an
 * error: a release is never published without saying what changed. Types in release-notes.d.mts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The body under "## [version]" up to the next "## ", trimmed; null when there is no such section. */
export function releaseNotes(changelog, version) {
  const lines = changelog.split(/\r?\n/);
  const start = lines.findIndex((line) => line.startsWith(`## [${version}]`));
  if (start < 0) return null;
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n').trim();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const version = process.argv[2];
  if (!version) {
    console.error('usage: node scripts/release-notes.mjs VERSION');
    process.exit(2);
  }
  const notes = releaseNotes(readFileSync(new URL('../CHANGELOG.md', import.meta.url), 'utf8'), version);
  if (!notes) {
    console.error(`release-notes: CHANGELOG.md has no section "## [${version}]", or it is empty`);
    process.exit(1);
  }
  console.log(notes);
}
