import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { boundedFetch } from '../../../lib/db/boundedFetch';
import { DatabaseUnavailable } from '../../../lib/errors';

/** A loopback server that answers 200 "ok", or takes each request and never answers while `silent` is set. */
async function startServer(): Promise<{ url: string; server: Server; silent: { on: boolean } }> {
  const silent = { on: false };
  const server = createServer((_request, response) => {
    if (!silent.on) response.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server, silent };
}

const closed = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

const loggerDouble = () => ({ warn: jest.fn(), info: jest.fn() });

describe('boundedFetch (each HTTP request to a libSQL server, bounded)', () => {
  it('hands back the answer of a server that answers, and logs nothing', async () => {
    const { url, server } = await startServer();
    const logger = loggerDouble();
    try {
      const response = await boundedFetch({ database: url, timeoutMs: 1000, logger })(url);

      expect(await response.text()).toBe('ok');
      expect(logger.warn).not.toHaveBeenCalled();
      expect(logger.info).not.toHaveBeenCalled();
    } finally {
      await closed(server);
    }
  });

  it('gives up on a server that takes the request and never answers, after timeoutMs, as DatabaseUnavailable', async () => {
    const { url, server, silent } = await startServer();
    silent.on = true;
    const logger = loggerDouble();
    try {
      const failure = await boundedFetch({ database: 'libsql://db.example', timeoutMs: 150, logger })(url).catch((error: unknown) => error);

      expect(failure).toBeInstanceOf(DatabaseUnavailable);
      expect((failure as Error).message).toBe('the database at libsql://db.example does not answer');
      expect(((failure as Error).cause as Error).name).toBe('TimeoutError');
      expect(logger.warn).toHaveBeenCalledWith('the database does not answer', {
        database: 'libsql://db.example',
        reason: expect.stringMatching(/^TimeoutError: /),
        timeout_ms: 150,
      });
    } finally {
      await closed(server);
    }
  });

  it("still honours the caller's own signal beside its bound", async () => {
    const { url, server, silent } = await startServer();
    silent.on = true;
    const caller = new AbortController();
    try {
      const pending = boundedFetch({ database: url, timeoutMs: 60_000 })(url, { signal: caller.signal });
      caller.abort();

      const failure = await pending.catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(DatabaseUnavailable);
      expect(((failure as Error).cause as Error).name).toBe('AbortError');
    } finally {
      await closed(server);
    }
  });

  it("names the system's error code in the reason it logs for a server that refuses the connection", async () => {
    const { url, server } = await startServer();
    await closed(server);
    const logger = loggerDouble();

    await expect(boundedFetch({ database: url, timeoutMs: 1000, logger })(url)).rejects.toBeInstanceOf(DatabaseUnavailable);

    expect(logger.warn).toHaveBeenCalledWith('the database does not answer', {
      database: url,
      reason: 'TypeError: fetch failed ECONNREFUSED',
      timeout_ms: 1000,
    });
  });

  it('logs an outage once when it starts and once when it ends, with how long it lasted', async () => {
    const { url, server, silent } = await startServer();
    const logger = loggerDouble();
    const bounded = boundedFetch({ database: url, timeoutMs: 100, logger });
    try {
      silent.on = true;
      await expect(bounded(url)).rejects.toBeInstanceOf(DatabaseUnavailable);
      await expect(bounded(url)).rejects.toBeInstanceOf(DatabaseUnavailable);
      expect(logger.warn).toHaveBeenCalledTimes(1);
      expect(logger.info).not.toHaveBeenCalled();

      silent.on = false;
      await bounded(url);
      await bounded(url);

      expect(logger.info).toHaveBeenCalledTimes(1);
      expect(logger.info).toHaveBeenCalledWith('the database answers again', { database: url, down_ms: expect.any(Number) });
      const [{ down_ms }] = logger.info.mock.calls[0]!.slice(1) as [{ down_ms: number }];
      // From the first failure to the answer: at least the second request's bound, never a clock reading.
      expect(down_ms).toBeGreaterThanOrEqual(90);
      expect(down_ms).toBeLessThan(60_000);

      // A second outage is a new one: logged again.
      silent.on = true;
      await expect(bounded(url)).rejects.toBeInstanceOf(DatabaseUnavailable);
      expect(logger.warn).toHaveBeenCalledTimes(2);
    } finally {
      await closed(server);
    }
  });
});
