/**
 * What the bench's bare servers (the echo baseline, the busy path's relay anchor) share: the
 * hub's library and options (no compression, the hub's frame limit), the URL printed when it
 * listens, and a clean stop on SIGTERM or SIGINT.
 */
import { WebSocketServer } from 'ws';
import { MAX_FRAME_BYTES } from '../../shared/protocol/hub.js';

export function bareServer(): WebSocketServer {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
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
  return wss;
}
