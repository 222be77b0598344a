/**
 * One racer of the secret-creation test: waits for the start signal (a file appearing), so that
 * every racer reaches resolveHubSecret within the same few milliseconds, then prints the secret.
 */
import { existsSync } from 'node:fs';
import { resolveHubSecret } from './secret.js';

const [dataDir, goFile] = process.argv.slice(2);
process.stdout.write('ready\n');
while (!existsSync(goFile!)) await new Promise((resolve) => setTimeout(resolve, 1));
process.stdout.write(`${resolveHubSecret(dataDir!, {})}\n`);
