/**
 * The HTTP listener on 127.0.0.1, which can go down (listener closed,
 * every open connection destroyed, so new connections are refused) and
 * come back on the same port, until it is closed for good.
 */
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';

export const LOOPBACK = '127.0.0.1';

export type Listener = {
  readonly port: number;
  isDown(): boolean;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
};

type RequestHandler = (request: IncomingMessage, reply: ServerResponse) => void;

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const failed = (error: Error) => reject(error);
    server.once('error', failed);
    server.listen({ host: LOOPBACK, port }, () => {
      server.off('error', failed);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

export async function openListener(
  port: number,
  handler: RequestHandler,
): Promise<Listener> {
  const server = createServer(handler);
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const bound = await listen(server, port);
  let down = false;
  let closed = false;

  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });

  return {
    port: bound,
    isDown: () => down,
    async down() {
      if (down) return;
      down = true;
      await stop();
    },
    async up() {
      if (!down || closed) return;
      await listen(server, bound);
      down = false;
    },
    async close() {
      closed = true;
      if (down) return;
      down = true;
      await stop();
    },
  };
}
