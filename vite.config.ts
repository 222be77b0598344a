import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** Builds the renderer once for both Electron (file://) and browser mode (http://127.0.0.1). */
export default defineConfig({
  root: here('./renderer'),
  base: './',
  plugins: [vue()],
  build: {
    outDir: here('./dist/renderer'),
    emptyOutDir: true,
    target: 'es2023',
    // ZEGO Express's SDK is one 2 MB chunk, loaded only when a ZEGOCLOUD call needs media.
    chunkSizeWarningLimit: 2200,
  },
});
