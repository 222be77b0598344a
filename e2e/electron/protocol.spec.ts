/**
 * The built renderer under the headers app://switchboard/ serves it with (appProtocol.ts), in
 * Chromium: the stricter header CSP (connect-src 'none' among others) must not break the page.
 * Runs without Electron: a loopback HTTP server hands each request to the same handler, and an
 * init script stands in for the preload's window.softphone.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { createAppHandler } from '../../electron/desktop/appProtocol.js';

const RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

let server: Server;
let origin: string;

test.beforeAll(async () => {
  const handle = createAppHandler(RENDERER_DIR);
  server = createServer((request, response) => {
    void handle(new Request(`app://switchboard${request.url ?? '/'}`, { method: request.method })).then(async (answer) => {
      response.writeHead(answer.status, Object.fromEntries(answer.headers));
      response.end(Buffer.from(await answer.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test('the renderer runs under the header CSP with no violation, talking to the preload only', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    const match = /^csp-violation: (.*)$/.exec(message.text());
    if (match?.[1]) violations.push(match[1]);
  });
  await page.addInitScript(() => {
    const state = {
      version: 1,
      user: null,
      connection: { status: 'signed-out', hubUrl: 'ws://127.0.0.1:1', error: null, retryAt: null },
      limits: { incoming: 3, outgoing: 1 },
      dnd: false,
      shortcuts: null,
      calls: [],
      notices: [],
      history: [],
      historyView: { filter: 'all', search: '', matching: 0, stored: 0 },
      callbacks: [],
      callbackOffer: null,
      outcomes: [],
      people: [],
      blocked: [],
      priorityCallers: [],
      audio: { microphone: null, speaker: null, ringtone: null, secondCall: 'hold', voiceProcessing: true },
      mediaPath: { kind: 'webrtc' },
    };
    // The page's globals, typed here: this project type-checks tests without the DOM library.
    const page = globalThis as unknown as {
      document: { addEventListener(type: 'securitypolicyviolation', listener: (event: { violatedDirective: string; blockedURI: string }) => void): void };
    };
    Object.defineProperty(page, 'softphone', {
      value: {
        command: async () => ({ ok: true }),
        getState: async () => state,
        onState: () => () => undefined,
        media: { send: () => undefined, onSignal: () => () => undefined },
      },
    });
    page.document.addEventListener('securitypolicyviolation', (event) => console.error(`csp-violation: ${event.violatedDirective} ${event.blockedURI}`));
  });
  const response = await page.goto(`${origin}/index.html`);
  expect(response?.headers()['content-security-policy']).toContain("connect-src 'none'");
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  expect(violations).toEqual([]);
  // The policy is enforced, and a violation would be seen: a connection attempt is refused.
  await page.evaluate(() => fetch('/index.html').catch(() => undefined));
  await expect.poll(() => violations).toEqual([`connect-src ${origin}/index.html`]);
});
