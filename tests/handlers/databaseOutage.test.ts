import type { Client } from '@libsql/client';
import { openMigratedDatabase } from '../../lib/db/client';
import { getMovieRoute } from '../../lib/schemas/routes/movies';
import { createRatingRoute } from '../../lib/schemas/routes/ratings';
import { getMovie } from '../../functions/movies/getMovie';
import { createRating } from '../../functions/ratings/createRating';
import { invokeRoute } from '../support/invokeRoute';
import { createTestServices, silentLogger, type TestServices } from '../support/services';
import { startSqld, type Sqld } from '../../harness/sqld';

/**
 * The database goes away under a running function: what needs it answers 503 problem+json with Retry-After, promptly
 * (each request to the server is bounded, here to half a second), and the same client serves again once it is back.
 */
describe('a function whose sqld goes away', () => {
  let sqld: Sqld;
  let db: Client;
  let services: TestServices;
  let dbLogger: ReturnType<typeof silentLogger>;
  let movieId: number;
  beforeEach(async () => {
    sqld = await startSqld();
    dbLogger = silentLogger();
    db = await openMigratedDatabase({ url: sqld.url, timeoutMs: 500, logger: dbLogger });
    services = await createTestServices({ db });
    movieId = (await services.movies.create({ title: 'Heat' })).id;
  });
  afterEach(async () => {
    if (sqld.pid) process.kill(sqld.pid, 'SIGCONT');
    db.close();
    await sqld.close();
  });

  const read = () => invokeRoute(getMovieRoute, getMovie, services, { params: { id: movieId } });
  const rate = (value: number) => invokeRoute(createRatingRoute, createRating, services, { body: { movie: movieId, value } });
  const expectUnavailable = (answer: Awaited<ReturnType<typeof read>>) => {
    expect(answer).toMatchObject({
      statusCode: 503,
      headers: { 'content-type': 'application/problem+json', 'retry-after': expect.stringMatching(/^[1-9]\d*$/) },
      body: { status: 503, title: 'Service Unavailable' },
    });
  };

  it('answers 503 with Retry-After to reads and writes while sqld is down, then serves again, every acknowledged write kept', async () => {
    expect((await rate(4)).statusCode).toBe(201);
    await sqld.kill();

    expectUnavailable(await read());
    expectUnavailable(await rate(2));
    await sqld.start();

    expect(await read()).toMatchObject({ statusCode: 200, body: { rating_count: 1, rating: 4 } });
    expect((await rate(5)).statusCode).toBe(201);
  });

  it('answers 503 when sqld takes the connection but never answers, and serves again once it does', async () => {
    process.kill(sqld.pid!, 'SIGSTOP');

    expectUnavailable(await read());
    expectUnavailable(await rate(3));
    process.kill(sqld.pid!, 'SIGCONT');

    expect(await read()).toMatchObject({ statusCode: 200, body: { id: movieId } });
  });

  it('says so once per outage: a warning when the database first fails, an INFO when it answers again, no error with a stack per request', async () => {
    await sqld.kill();
    await read();
    await read();
    await rate(1);
    await sqld.start();
    await read();
    await read();

    expect(dbLogger.warn).toHaveBeenCalledTimes(1);
    expect(dbLogger.warn).toHaveBeenCalledWith('the database does not answer', expect.objectContaining({ database: sqld.url }));
    expect(dbLogger.info).toHaveBeenCalledTimes(1);
    expect(dbLogger.info).toHaveBeenCalledWith('the database answers again', expect.objectContaining({ database: sqld.url }));
    // Each refused request has its access line at WARN (a 503 to retry, as a shed request is), no error and no stack.
    expect(services.logger.error).not.toHaveBeenCalled();
    expect(jest.mocked(services.logger.warn).mock.calls.map(([message]) => message)).toEqual(['request', 'request', 'request']);
  });
});
