import type { Client } from '@libsql/client';
import { openMigratedDatabase } from '../../lib/db/client';
import { createRatingRoute } from '../../lib/schemas/routes/ratings';
import { createRating } from '../../functions/ratings/createRating';
import { invokeRoute } from '../support/invokeRoute';
import { createTestServices, type TestServices } from '../support/services';
import { startSqld, type Sqld } from '../../harness/sqld';

/**
 * A deployed function reaches its database over HTTP: there the write limit's count must travel inside the write's
 * own request, and the cap's refusal must come back recognisable through the web client.
 */
describe('the write limit over a libSQL server (sqld)', () => {
  let server: Sqld;
  let remote: Client;
  let services: TestServices;
  let movieId: number;
  beforeEach(async () => {
    server = await startSqld();
    remote = await openMigratedDatabase({ url: server.url });
    services = await createTestServices({ db: remote, env: { WRITE_RATE_PER_MINUTE: '2' } });
    movieId = (await services.movies.create({ title: 'Heat' })).id;
  });
  afterEach(async () => {
    remote.close();
    await server.close();
  });

  const rate = () => invokeRoute(createRatingRoute, createRating, services, { body: { movie: movieId, value: 4 } });

  it("carries the count in the rating's own request: one round trip, the request counter's increment in it too", async () => {
    const before = await server.requests();

    const answer = await rate();

    expect(answer.statusCode).toBe(201);
    expect(answer.headers['ratelimit']).toBe('"write";r=1;t=60');
    expect((await server.requests()) - before).toBe(1);
  });

  it('refuses the write past the limit through the web client, storing nothing', async () => {
    await rate();
    await rate();

    const refused = await rate();

    expect(refused).toMatchObject({ statusCode: 429, headers: { 'retry-after': expect.stringMatching(/^\d+$/) } });
    expect(await services.movies.get(movieId)).toMatchObject({ rating_count: 2 });
  });
});
