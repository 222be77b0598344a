/**
 * Node built-ins taken with `require`, because an ES import of one reads every one of its exports
 * and some exports are lazy getters that load far more than the core uses: node:http's WebSocket,
 * CloseEvent and MessageEvent load undici, http2 and worker_threads (about 10 MB in a bare node),
 * node:util's load worker_threads, streams and the assertion differ (under 1 MB). What the
 * softphone does not load, its process does not keep (docs/performance.md, "The softphone
 * process's RSS"). Take these functions from here; types still come from node:http or node:util
 * (`import type`).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const { createServer, request } = require('node:http') as typeof import('node:http');
export const { parseArgs } = require('node:util') as typeof import('node:util');
