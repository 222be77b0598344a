/**
 * The npm packages the main process's bundle carries inside itself instead of loading them from
 * node_modules at run time. zod: the core uses its mini build, which keeps only the validators
 * the schemas use once bundled (about 60 KB); loaded from node_modules it is 92 modules (all of
 * zod's core and every locale), about 6 MB more of the softphone's memory (docs/performance.md,
 * "The softphone process's RSS"). build-desktop.mjs bundles these, and so does the bench's footprint,
 * which measures the softphone as it ships.
 */
export const BUNDLED_PACKAGES = ['zod'];
