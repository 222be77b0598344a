/**
 * A TCP proxy between a softphone and its hub, standing for the network between them: cut()
 * drops every connection through it without a close handshake, as a network failure does, and
 * refuses new ones until the network is back.
 */
import { createServer, connect, type Socket } from 'node:net';

export interface LinkProxy {
  url: string;
  /** Drops every connection through the proxy, with no WebSocket close, and refuses new ones until the function returned is called. */
  cut(): () => void;
  close(): Promise<void>;
}

export async function startLinkProxy(targetUrl: string): Promise<LinkProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  let down = false;
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((client) => {
    if (down) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(Number(target.port), target.hostname);
    track(client);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `ws://127.0.0.1:${port}`,
    cut() {
      down = true;
      for (const socket of sockets) socket.resetAndDestroy();
      return () => {
        down = false;
      };
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
