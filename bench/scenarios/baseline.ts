/**
 * Baseline: what raw `ws` does on this machine, with no protocol on top. A bare echo server in a
 * process of its own; the bench process sends a hub-sized JSON text frame and waits for the echo
 * before sending the next (closed loop), on one connection and on 100 connections at once.
 */
import WebSocket from 'ws';
import { measureQuietly, spawnBench, withCpu } from '../lib/procs.js';
import { round, sleep, type Summary } from '../lib/stats.js';

const WARMUP_MS = 500;
const MEASURE_MS = 3_000;
/** About the size of a callInvite request. */
const PAYLOAD = JSON.stringify({ id: 123456, method: 'callInvite', params: { invitees: ['callee'], config: { mode: 1, timeout: 90, extendedData: '' } } });

async function open(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return ws;
}

/** Round trips per second over `connections` connections, each with one frame in flight. */
async function pingPong(url: string, connections: number): Promise<number> {
  const sockets = await Promise.all(Array.from({ length: connections }, () => open(url)));
  let count = 0;
  let running = true;
  for (const ws of sockets) {
    ws.on('message', () => {
      count += 1;
      if (running) ws.send(PAYLOAD);
    });
    ws.send(PAYLOAD);
  }
  await sleep(WARMUP_MS);
  const startCount = count;
  const started = performance.now();
  await sleep(MEASURE_MS);
  const rate = ((count - startCount) * 1000) / (performance.now() - started);
  running = false;
  await sleep(50);
  for (const ws of sockets) ws.terminate();
  return rate;
}

export async function runBaseline(summary: Summary): Promise<void> {
  const echo = await spawnBench({ name: 'echo-server', script: 'bench/echoServer.ts', ready: /^ws:\/\/127\.0\.0\.1:\d+$/ });
  try {
    for (const connections of [1, 100]) {
      const { result, foreign, attempts } = await measureQuietly(() =>
        withCpu({ server: echo.pid, client: process.pid }, () => pingPong(echo.url, connections)),
      );
      summary.add(`baseline-ws-${connections}conn`, round(result.result), 'round trips/s');
      summary.note(
        `baseline, ${connections} connection(s): CPU echo server ${result.cpu.server}%, client ${result.cpu.client}% of a core; ` +
          `others ${foreign}% (attempt ${attempts})`,
      );
    }
  } finally {
    await echo.stop();
  }
}
