/**
 * A bare `ws` echo server for the baseline: same library and options as the hub (no compression,
 * the hub's frame limit), nothing else. Prints ws://127.0.0.1:PORT when it listens.
 */
import { WebSocketServer } from 'ws';
import { MAX_FRAME_BYTES } from '../shared/protocol/hub.js';

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
wss.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
});
wss.on('listening', () => {
  const address = wss.address();
  if (typeof address === 'object' && address) process.stdout.write(`ws://127.0.0.1:${address.port}\n`);
});
const stop = (): void => {
  for (const client of wss.clients) client.terminate();
  wss.close(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
