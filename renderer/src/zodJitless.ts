/**
 * The page's CSP forbids eval. shared/ipc builds zod schemas when it is imported, and zod then
 * probes for eval with `new Function`; the browser reports that as a CSP violation even though
 * zod catches it. Jitless mode skips the probe. main.ts imports this first, so it runs before
 * any shared/ module builds a schema.
 */
import { config } from 'zod';

config({ jitless: true });
