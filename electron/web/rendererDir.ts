import { fileURLToPath } from 'node:url';

/** The renderer as `npm run build:renderer` leaves it. */
export const RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
