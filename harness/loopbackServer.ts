import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface ListeningServer {
  /** http://127.0.0.1:<port>, the port the kernel gave. */
  origin: string;
  /** Closes the server at once: open keep-alive connections are destroyed rather than waited for. */
  close(): Promise<void>;
}

/** Listens on a free loopback port; tests reach nothing beyond this machine. */
export async function listenOnLoopback(server: Server): Promise<ListeningServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}
