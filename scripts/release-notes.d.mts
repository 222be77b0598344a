/** Types for release-notes.mjs, which plain `node` runs in the release workflow. */
export declare function releaseNotes(changelog: string, version: string): string | null;
