/**
 * A bare `ws` echo server for the baseline: same library and options as the hub (no compression,
 * the hub's frame limit), nothing else. Prints ws://127.0.0.1:PORT when it listens.
 */
import { bareServer } from './lib/bareServer.js';

bareServer().on('connection', (ws) => {
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
});
