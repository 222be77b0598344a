/**
 * node:http for the core and browser mode, loaded with `require`. An ES import of a built-in reads
 * every one of its exports, and node:http's include lazy getters (WebSocket, CloseEvent,
 * MessageEvent) whose first read loads undici, http2 and worker_threads: about 10 MB of the
 * softphone's memory for nothing it uses (docs/performance.md, "The softphone process's RSS").
 * Take node:http's functions from here and its types from node:http (`import type`).
 */
import { createRequire } from 'node:module';

const http = createRequire(import.meta.url)('node:http') as typeof import('node:http');

export const { createServer, request } = http;
