/**
 * Where the built app finds its parts. These are relative to the bundle this file ends up in,
 * out/main/index.js (see scripts/build-desktop.mjs), both in the work tree and inside app.asar.
 */
import { join } from 'node:path';

/** What app://switchboard/ serves (appProtocol.ts). */
export const RENDERER_DIR = join(import.meta.dirname, '../../dist/renderer');
/** CommonJS, one file: a sandboxed preload cannot load modules of its own. */
export const PRELOAD_PATH = join(import.meta.dirname, '../preload/index.cjs');
/** Tray and window icons, drawn by scripts/icons.mjs when the app is built. */
export const ICONS_DIR = join(import.meta.dirname, '../icons');
export const APP_ICON_PATH = join(ICONS_DIR, 'icon.png');
