import type { Client } from '@libsql/client';
import { createCatalogueRepository } from '../../../lib/repositories/catalogueRepository';
import { createMoviesRepository } from '../../../lib/repositories/moviesRepository';
import { createRatingsRepository } from '../../../lib/repositories/ratingsRepository';
import { createUsersRepository } from '../../../lib/repositories/usersRepository';
import { createRatingsService } from '../../../lib/services/ratingsService';
import type { AuthUser } from '../../../lib/services/tokens';
import { createMemoryDatabase, createTempFileDatabase } from '../../support/database';

const ratingsOn = (db: Client) => createRatingsService({ ratings: createRatingsRepository(db) });

/**
 * Test-only instrumentation on the real database: every UPDATE of a movie row is logged by a trigger of the test's
 * own, so a test can count how many times one rating write rewrote the movie (each rewrite is a row written again).
 */
async function logMovieUpdates(db: Client): Promise<() => Promise<number>> {
  await db.executeMultiple(`
    CREATE TABLE test_movie_updates (n INTEGER PRIMARY KEY, movie_id INTEGER);
    CREATE TRIGGER test_log_movie_updates AFTER UPDATE ON movies BEGIN
      INSERT INTO test_movie_updates (movie_id) VALUES (NEW.id);
    END;
  `);
  return async () => {
    const counted = Number((await db.execute('SELECT count(*) AS n FROM test_movie_updates')).rows[0]!.n);
    await db.execute('DELETE FROM test_movie_updates');
    return counted;
  };
}

/** What a scan of the stored ratings and the stored C give: what every stored aggregate must equal. */
async function expectExact(db: Client, movieId: number): Promise<void> {
  const values = (await db.execute({ sql: 'SELECT value FROM ratings WHERE movie_id = ?', args: [movieId] })).rows.map((r) =>
    Number(r.value),
  );
  const stats = (await db.execute('SELECT rating_mean, score_min_votes FROM catalogue_stats')).rows[0]!;
  const [c, m] = [stats.rating_mean === null ? 3 : Number(stats.rating_mean), Number(stats.score_min_votes)];
  const stored = (await createMoviesRepository(db).findById(movieId))!;
  const sum = values.reduce((a, b) => a + b, 0);
  expect(stored.rating_count).toBe(values.length);
  expect(stored.rating).toBe(values.length === 0 ? null : sum / values.length);
  expect(stored.rating_distribution).toEqual(
    Object.fromEntries([1, 2, 3, 4, 5].map((value) => [value, values.filter((v) => v === value).length])),
  );
  if (values.length === 0) expect(stored.score).toBeNull();
  else expect(stored.score).toBeCloseTo((sum + m * c) / (values.length + m), 12);
}

describe('a rating write rewrites its movie row once (issue 22)', () => {
  let db: Client;
  let updates: () => Promise<number>;
  let movieId: number;
  let user: { id: number };
  let caller: AuthUser;

  beforeEach(async () => {
    db = await createMemoryDatabase();
    movieId = (await createMoviesRepository(db).create({ title: 'Counted' })).id;
    user = (await createUsersRepository(db).create({ email: 'ann@example.com', passwordHash: 'x', role: 'basic' }))!;
    caller = { id: user.id, role: 'basic' } as AuthUser;
    await ratingsOn(db).rate({ movieId, value: 2 });
    await createCatalogueRepository(db).refreshScores(10);
    updates = await logMovieUpdates(db);
  });

  it('updates the movie once for an anonymous rating, its sum, count, distribution and score together', async () => {
    await ratingsOn(db).rate({ movieId, value: 5 });

    expect(await updates()).toBe(1);
    await expectExact(db, movieId);
  });

  it("updates the movie once for a user's first rating and once for its replacement by posting again", async () => {
    await ratingsOn(db).rateAsUser({ movieId, userId: user.id, value: 4 });
    expect(await updates()).toBe(1);
    await expectExact(db, movieId);

    await ratingsOn(db).rateAsUser({ movieId, userId: user.id, value: 1 });
    expect(await updates()).toBe(1);
    await expectExact(db, movieId);
  });

  it('updates the movie once for a PUT/PATCH of the value and once for a DELETE', async () => {
    const { rating } = await ratingsOn(db).rateAsUser({ movieId, userId: user.id, value: 4 });
    await updates();

    await ratingsOn(db).changeValue(rating.id, 3, caller);
    expect(await updates()).toBe(1);
    await expectExact(db, movieId);

    await ratingsOn(db).remove(rating.id, caller);
    expect(await updates()).toBe(1);
    await expectExact(db, movieId);
  });

  it('does not touch the movie for a re-post of the same value, nor for a rating of an unknown movie', async () => {
    await ratingsOn(db).rateAsUser({ movieId, userId: user.id, value: 4 });
    await updates();

    await ratingsOn(db).rateAsUser({ movieId, userId: user.id, value: 4 });
    await expect(ratingsOn(db).rate({ movieId: 999_999, value: 5 })).rejects.toThrow();

    expect(await updates()).toBe(0);
    await expectExact(db, movieId);
    expect(Number((await db.execute('SELECT count(*) AS n FROM ratings WHERE movie_id = 999999')).rows[0]!.n)).toBe(0);
  });

  it('updates each rated movie once per rating of a deleted account, and keep every aggregate exact', async () => {
    const other = (await createMoviesRepository(db).create({ title: 'Other' })).id;
    await ratingsOn(db).rateAsUser({ movieId, userId: user.id, value: 5 });
    await ratingsOn(db).rateAsUser({ movieId: other, userId: user.id, value: 1 });
    await updates();

    await createUsersRepository(db).deleteAccount(user.id);

    expect(await updates()).toBe(2);
    await expectExact(db, movieId);
    await expectExact(db, other);
  });
});

describe('every kind of rating write at once, on separate connections (issue 22)', () => {
  it('keeps sum, count, distribution and score exact', async () => {
    const file = createTempFileDatabase();
    const clients = await Promise.all([file.open(), file.open(), file.open()]);
    try {
      const first = clients[0]!;
      const movies = createMoviesRepository(first);
      const [a, b, doomed] = [
        await movies.create({ title: 'A' }),
        await movies.create({ title: 'B' }),
        await movies.create({ title: 'C' }),
      ];
      const users = createUsersRepository(first);
      const people: { id: number }[] = [];
      for (let i = 0; i < 6; i++) people.push((await users.create({ email: `u${i}@example.com`, passwordHash: 'x', role: 'basic' }))!);
      const first_ratings = [];
      for (const [i, person] of people.entries()) {
        first_ratings.push(
          (await ratingsOn(first).rateAsUser({ movieId: i % 2 ? a.id : b.id, userId: person.id, value: (i % 5) + 1 })).rating,
        );
        await ratingsOn(first).rateAsUser({ movieId: doomed.id, userId: person.id, value: 3 });
      }
      await createCatalogueRepository(first).refreshScores(10);
      const on = (i: number) => ratingsOn(clients[i % 3]!);
      const as = (i: number) => ({ id: people[i]!.id, role: 'basic' }) as AuthUser;

      await Promise.all([
        ...Array.from({ length: 30 }, (_, i) => on(i).rate({ movieId: i % 2 ? a.id : b.id, value: (i % 5) + 1 })),
        ...people.slice(0, 2).map((person, i) => on(i).rateAsUser({ movieId: a.id, userId: person.id, value: 5 })),
        on(1).changeValue(first_ratings[2]!.id, 1, as(2)),
        on(2).remove(first_ratings[3]!.id, as(3)),
        createUsersRepository(clients[1]!).deleteAccount(people[4]!.id),
        createMoviesRepository(clients[2]!).delete(doomed.id),
      ]);

      for (const movie of [a, b]) await expectExact(first, movie.id);
      expect(
        Number((await first.execute({ sql: 'SELECT count(*) AS n FROM ratings WHERE movie_id = ?', args: [doomed.id] })).rows[0]!.n),
      ).toBe(0);
    } finally {
      clients.forEach((client) => client.close());
      file.remove();
    }
  });
});
