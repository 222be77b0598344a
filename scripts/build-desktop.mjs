#!/usr/bin/env node
/**
 * Builds Electron's main process and preload (the renderer is `vite build`'s job):
 *   out/main/index.js      ESM, as package.json's "type" says; npm dependencies stay external
 *                          in node_modules, which electron-builder packs with the app, except
 *                          those of bundled.mjs (zod), which the bundle carries
 *   out/preload/index.cjs  CommonJS in one file: a sandboxed preload can require `electron`
 *                          and little else, so everything it uses is bundled in
 *   out/icons/             the tray's and the app's icons (scripts/icons.mjs)
 * vite.config.ts is the renderer's and is not read here.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { BUNDLED_PACKAGES } from './bundled.mjs';
import { writeIcons } from './icons.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const common = {
  root,
  configFile: false,
  envDir: false,
  logLevel: 'warn',
};

await build({
  ...common,
  build: {
    ssr: 'electron/desktop/main.ts',
    outDir: 'out/main',
    emptyOutDir: true,
    target: 'node22', // Electron 45's Node
    sourcemap: true,
    rolldownOptions: { output: { format: 'es', entryFileNames: 'index.js' } },
  },
  ssr: { noExternal: [...BUNDLED_PACKAGES] },
});

const preload = await build({
  ...common,
  build: {
    ssr: 'electron/desktop/preload.ts',
    outDir: 'out/preload',
    emptyOutDir: true,
    target: 'chrome142', // Electron 45's Chromium
    sourcemap: true,
    rolldownOptions: { external: ['electron'], output: { format: 'cjs', entryFileNames: 'index.cjs' } },
  },
  ssr: { noExternal: true },
});

// Node built-ins stay external even so, and would only fail when a sandboxed window loads.
const required = [preload].flat().flatMap((result) => result.output.flatMap((chunk) => chunk.imports ?? []));
const outside = required.filter((name) => name !== 'electron');
if (outside.length > 0) {
  console.error(`build-desktop: the preload requires ${outside.join(', ')}; a sandboxed preload can only require electron`);
  process.exit(1);
}

await writeIcons(`${root}/out/icons`);
