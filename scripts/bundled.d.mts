/** Types for bundled.mjs, which plain `node` runs as part of the build. */
export declare const BUNDLED_PACKAGES: readonly string[];
