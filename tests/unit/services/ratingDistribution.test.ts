import type { Client } from '@libsql/client';
import { migrate } from '../../../lib/db/migrate';
import { migrations } from '../../../lib/db/migrations';
import { createMoviesRepository } from '../../../lib/repositories/moviesRepository';
import { createRatingsRepository } from '../../../lib/repositories/ratingsRepository';
import { createUsersRepository } from '../../../lib/repositories/usersRepository';
import { createCatalogueRepository } from '../../../lib/repositories/catalogueRepository';
import { createRatingsService } from '../../../lib/services/ratingsService';
import type { AuthUser } from '../../../lib/services/tokens';
import { createMemoryDatabase, createTempFileDatabase } from '../../support/database';
import { createClient } from '@libsql/client';

const ratingsOn = (db: Client) => createRatingsService({ ratings: createRatingsRepository(db) });

/** The distribution as a scan of the stored ratings would give it: what the stored counts must equal. */
async function scannedDistribution(db: Client, movieId: number): Promise<Record<string, number>> {
  const rows = await db.execute({ sql: 'SELECT value, count(*) AS n FROM ratings WHERE movie_id = ? GROUP BY value', args: [movieId] });
  const counts: Record<string, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const row of rows.rows) counts[String(row.value)] = Number(row.n);
  return counts;
}

describe('rating_distribution', () => {
  let db: Client;
  let movieId: number;
  const movie = () => createMoviesRepository(db).findById(movieId);

  beforeEach(async () => {
    db = await createMemoryDatabase();
    movieId = (await createMoviesRepository(db).create({ title: 'Inception' })).id;
  });

  it('starts every movie at zero of each value', async () => {
    expect((await movie())?.rating_distribution).toEqual({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 });
  });

  it('counts each anonymous rating under its value', async () => {
    for (const value of [5, 4, 5, 1]) await ratingsOn(db).rate({ movieId, value });

    expect(await movie()).toMatchObject({ rating_count: 4, rating_distribution: { 1: 1, 2: 0, 3: 0, 4: 1, 5: 2 } });
  });

  it('moves a re-rated value from its old count to its new one', async () => {
    const user = (await createUsersRepository(db).create({ email: 'ann@example.com', passwordHash: 'x', role: 'basic' }))!;
    await ratingsOn(db).rateAsUser({ movieId, userId: user.id, value: 2 });
    await ratingsOn(db).rateAsUser({ movieId, userId: user.id, value: 5 });

    expect(await movie()).toMatchObject({ rating_count: 1, rating_distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 1 } });
  });

  it('follows an update and a delete of a rating', async () => {
    const user = (await createUsersRepository(db).create({ email: 'bob@example.com', passwordHash: 'x', role: 'basic' }))!;
    const caller: AuthUser = { id: user.id, role: 'basic' } as AuthUser;
    const { rating } = await ratingsOn(db).rateAsUser({ movieId, userId: user.id, value: 3 });
    await ratingsOn(db).rate({ movieId, value: 3 });

    await ratingsOn(db).changeValue(rating.id, 1, caller);
    expect((await movie())?.rating_distribution).toEqual({ 1: 1, 2: 0, 3: 1, 4: 0, 5: 0 });

    await ratingsOn(db).remove(rating.id, caller);
    expect(await movie()).toMatchObject({ rating_count: 1, rating_distribution: { 1: 0, 2: 0, 3: 1, 4: 0, 5: 0 } });
  });

  it('leaves every count unchanged when the movie is unknown', async () => {
    await expect(ratingsOn(db).rate({ movieId: movieId + 99, value: 5 })).rejects.toThrow();

    expect((await movie())?.rating_distribution).toEqual({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 });
  });

  it('keeps the counts exact under concurrent writers on separate connections', async () => {
    const file = createTempFileDatabase();
    const clients = await Promise.all([file.open(), file.open(), file.open(), file.open()]);
    try {
      const first = clients[0]!;
      const shared = await createMoviesRepository(first).create({ title: 'Crowded' });
      const users = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          createUsersRepository(first).create({ email: `u${i}@example.com`, passwordHash: 'x', role: 'basic' }),
        ),
      );
      const writes = Array.from({ length: 80 }, (_, i) => {
        const ratings = ratingsOn(clients[i % clients.length]!);
        const value = (i % 5) + 1;
        // Half anonymous, half re-ratings by eight users racing each other.
        return i % 2 === 0
          ? ratings.rate({ movieId: shared.id, value })
          : ratings.rateAsUser({ movieId: shared.id, userId: users[((i - 1) / 2) % 8]!.id, value });
      });
      await Promise.all(writes);

      const stored = (await createMoviesRepository(first).findById(shared.id))!;
      expect(stored.rating_distribution).toEqual(await scannedDistribution(first, shared.id));
      expect(Object.values(stored.rating_distribution).reduce((a, b) => a + b, 0)).toBe(stored.rating_count);
      expect(stored.rating_count).toBe(40 + 8);
    } finally {
      clients.forEach((client) => client.close());
      file.remove();
    }
  });
});

describe('account deletion (issue 10) and the movie aggregates', () => {
  it('keeps distribution and score exact when an account goes while others rate, on separate connections', async () => {
    const file = createTempFileDatabase();
    const clients = await Promise.all([file.open(), file.open(), file.open(), file.open()]);
    try {
      const first = clients[0]!;
      const movies = createMoviesRepository(first);
      const [a, b] = [await movies.create({ title: 'A' }), await movies.create({ title: 'B' })];
      const users = createUsersRepository(first);
      const leaving = (await users.create({ email: 'leaving@example.com', passwordHash: 'x', role: 'basic' }))!;
      const staying = (await users.create({ email: 'staying@example.com', passwordHash: 'x', role: 'basic' }))!;
      await ratingsOn(first).rateAsUser({ movieId: a.id, userId: leaving.id, value: 1 });
      await ratingsOn(first).rateAsUser({ movieId: b.id, userId: leaving.id, value: 5 });
      await ratingsOn(first).rateAsUser({ movieId: a.id, userId: staying.id, value: 4 });
      await createCatalogueRepository(first).refreshScores(10);
      const c = Number((await first.execute('SELECT rating_mean FROM catalogue_stats')).rows[0]!.rating_mean);

      await Promise.all([
        createUsersRepository(clients[1]!).deleteAccount(leaving.id),
        ...Array.from({ length: 30 }, (_, i) =>
          ratingsOn(clients[2 + (i % 2)]!).rate({ movieId: i % 2 ? a.id : b.id, value: (i % 5) + 1 }),
        ),
      ]);

      for (const movie of [a, b]) {
        const stored = (await movies.findById(movie.id))!;
        const scanned = await scannedDistribution(first, movie.id);
        const values = Object.entries(scanned).flatMap(([value, n]) => Array.from({ length: n }, () => Number(value)));
        expect(stored.rating_distribution).toEqual(scanned);
        expect(stored.rating_count).toBe(values.length);
        const mean = values.reduce((x, y) => x + y, 0) / values.length;
        expect(stored.score).toBeCloseTo((values.length * mean + 10 * c) / (values.length + 10), 12);
      }
      expect(await scannedDistribution(first, a.id)).toMatchObject({ 1: 3 }); // the leaving 1 is gone: three anonymous 1s remain
    } finally {
      clients.forEach((client) => client.close());
      file.remove();
    }
  });
});

describe('migration 007 (catalogue quality) on an existing database', () => {
  it('computes every stored movie distribution from its ratings', async () => {
    const db = createClient({ url: ':memory:' });
    await migrate(
      db,
      migrations.filter((m) => m.name < '006'),
    );
    await db.executeMultiple(`
      INSERT INTO movies (id, title, rating_sum, rating_count) VALUES (1, 'Old', 12, 3), (2, 'Unrated', 0, 0);
      INSERT INTO ratings (movie_id, value) VALUES (1, 5), (1, 5), (1, 2);
    `);

    await migrate(db);

    const movies = createMoviesRepository(db);
    expect((await movies.findById(1))?.rating_distribution).toEqual({ 1: 0, 2: 1, 3: 0, 4: 0, 5: 2 });
    expect((await movies.findById(2))?.rating_distribution).toEqual({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 });
  });
});
