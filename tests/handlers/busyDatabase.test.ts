import { join } from 'node:path';
import type { Client } from '@libsql/client';
import Database from 'libsql';
import { openMigratedDatabase } from '../../lib/db/client';
import { createRatingRoute } from '../../lib/schemas/routes/ratings';
import { createRating } from '../../functions/ratings/createRating';
import { invokeRoute } from '../support/invokeRoute';
import { createTestServices, type TestServices } from '../support/services';
import { startSqld, type Sqld } from '../../harness/sqld';

/**
 * sqld gives a writer about a tenth of a second to get the write lock, then answers SQLITE_BUSY: with a hundred
 * concurrent writers (the e2e's burst of ratings) some were answered 500. A busy answer means nothing was written, so
 * the write is tried again while the lock stays taken, and answered 503 with Retry-After if it never comes free.
 * The lock is taken here the way any other writer takes it: by a connection to the server's own database file.
 */
describe('a write that sqld answers SQLITE_BUSY', () => {
  let sqld: Sqld;
  let db: Client;
  let services: TestServices;
  let lock: InstanceType<typeof Database>;
  let movieId: number;
  let release: NodeJS.Timeout | undefined;
  beforeEach(async () => {
    sqld = await startSqld();
    db = await openMigratedDatabase({ url: sqld.url });
    services = await createTestServices({ db });
    movieId = (await services.movies.create({ title: 'Heat' })).id;
    lock = new Database(join(sqld.dbPath, 'dbs', 'default', 'data'));
  });
  afterEach(async () => {
    clearTimeout(release);
    if (lock.inTransaction) lock.exec('ROLLBACK');
    lock.close();
    db.close();
    await sqld.close();
  });

  const rate = () => invokeRoute(createRatingRoute, createRating, services, { body: { movie: movieId, value: 4 } });

  it('is tried again once the lock is free, and stored once', async () => {
    lock.exec('BEGIN IMMEDIATE');
    release = setTimeout(() => lock.exec('ROLLBACK'), 400);

    const answer = await rate();

    expect(answer.statusCode).toBe(201);
    expect(await services.movies.get(movieId)).toMatchObject({ rating_count: 1 });
  });

  it('is answered 503 with Retry-After while the lock is never free, storing nothing', async () => {
    lock.exec('BEGIN IMMEDIATE');

    const answer = await rate();
    lock.exec('ROLLBACK');

    expect(answer).toMatchObject({ statusCode: 503, headers: { 'retry-after': expect.stringMatching(/^[1-9]\d*$/) } });
    expect(await services.movies.get(movieId)).toMatchObject({ rating_count: 0 });
  }, 15_000);
});
