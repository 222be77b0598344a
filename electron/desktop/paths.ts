/**
 * Where the built app finds its parts. These are relative to the bundle this file ends up in,
 * out/main/index.js (see scripts/build-desktop.mjs), both in the work tree and inside app.asar.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const RENDERER_INDEX = join(import.meta.dirname, '../../dist/renderer/index.html');
/** The page every window of ours loads, as the file:// URL that its frames report. */
export const APP_PAGE_URL = pathToFileURL(RENDERER_INDEX).href;
/** CommonJS, one file: a sandboxed preload cannot load modules of its own. */
export const PRELOAD_PATH = join(import.meta.dirname, '../preload/index.cjs');
