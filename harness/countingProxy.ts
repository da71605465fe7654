import { createServer, request as forward, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { listenOnLoopback } from './loopbackServer';

export interface CountingProxy {
  /** http://127.0.0.1:<port>: use it in place of the server's URL (ws:// on the same port for WebSocket). */
  url: string;
  /** HTTP requests forwarded so far (WebSocket upgrades not included): each a round trip the caller waited for. */
  readonly requests: number;
  /** WebSocket connections tunnelled so far. */
  readonly webSockets: number;
  close(): Promise<void>;
}

export interface CountingProxyOptions {
  /** The server behind it, http://host:port (sqld's url). */
  target: string;
  /**
   * Awaited before each HTTP request and each chunk a WebSocket client sends is passed on: the network between a
   * Lambda and its database, one way. Nothing is added by default.
   */
  wait?: () => Promise<void>;
}

/** A wait of `ms` for CountingProxyOptions.wait: that much latency on every round trip. */
export const latency = (ms: number) => () => new Promise<void>((resolve) => setTimeout(resolve, ms));

const noWait = () => Promise.resolve();

/** The upgrade request again, as it came, for the server behind: a tunnel passes the handshake on untouched. */
function upgradeHead(request: IncomingMessage): string {
  const lines = [`${request.method} ${request.url} HTTP/${request.httpVersion}`];
  for (let i = 0; i < request.rawHeaders.length; i += 2) lines.push(`${request.rawHeaders[i]}: ${request.rawHeaders[i + 1]}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/**
 * A loopback HTTP proxy in front of a libSQL server (sqld) that counts the requests it receives and can delay each:
 * what a function sends its database, seen from the database's side, with the distance between them added.
 */
export async function startCountingProxy({ target, wait = noWait }: CountingProxyOptions): Promise<CountingProxy> {
  const { hostname, port } = new URL(target);
  let requests = 0;
  let webSockets = 0;
  const tunnels = new Set<Socket>();

  const server = createServer((incoming, outgoing) => {
    requests++;
    // Read the body while waiting, as the network would carry it; send it on only once the wait is over.
    const body: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => body.push(chunk));
    const received = new Promise<void>((resolve) => incoming.on('end', resolve));
    void Promise.all([wait(), received]).then(() => {
      const upstream = forward({ hostname, port, method: incoming.method, path: incoming.url, headers: incoming.headers }, (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      });
      upstream.on('error', (error) => outgoing.destroy(error));
      upstream.end(Buffer.concat(body));
    });
  });

  server.on('upgrade', (incoming: IncomingMessage, client: Socket, head: Buffer) => {
    webSockets++;
    const upstream = connect(Number(port), hostname);
    tunnels.add(client).add(upstream);
    const forget = () => {
      tunnels.delete(client);
      tunnels.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', forget).on('error', forget);
    upstream.on('close', forget).on('error', forget);
    // Each chunk the client sends waits its turn behind the ones before it, so the stream stays in order.
    let sent = wait().then(() => {
      upstream.write(upgradeHead(incoming));
      if (head.length > 0) upstream.write(head);
    });
    client.on('data', (chunk: Buffer) => {
      sent = sent.then(wait).then(() => void upstream.write(chunk));
    });
    upstream.pipe(client);
  });

  const listening = await listenOnLoopback(server);
  return {
    url: listening.origin,
    get requests() {
      return requests;
    },
    get webSockets() {
      return webSockets;
    },
    close: async () => {
      tunnels.forEach((socket) => socket.destroy());
      await listening.close();
    },
  };
}
