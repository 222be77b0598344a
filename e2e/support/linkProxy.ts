/**
 * A TCP proxy between softphones and their hub, standing for the network between them: cut()
 * drops every connection through it without a close handshake, as a network failure does, and
 * new connections go through again at once, as when the network comes back.
 */
import { createServer, connect, type Socket } from 'node:net';

export interface LinkProxy {
  url: string;
  /** Drops every connection through the proxy, both ends, with no WebSocket close. */
  cut(): void;
  close(): Promise<void>;
}

export async function startLinkProxy(targetUrl: string): Promise<LinkProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((client) => {
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
      for (const socket of sockets) socket.resetAndDestroy();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
