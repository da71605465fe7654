import { createTestServices } from '../../support/services';
import { createClient, type Client } from '@libsql/client';
import { parseConfig } from '../../../lib/config';
import { migrate } from '../../../lib/db/migrate';
import { migrations } from '../../../lib/db/migrations';
import { createMoviesRepository, type MoviesRepository } from '../../../lib/repositories/moviesRepository';
import { createRatingsRepository } from '../../../lib/repositories/ratingsRepository';
import { createUsersRepository } from '../../../lib/repositories/usersRepository';
import { createCatalogueRepository } from '../../../lib/repositories/catalogueRepository';
import { createMovieSearchRepository } from '../../../lib/repositories/movieSearchRepository';
import { createRatingsService } from '../../../lib/services/ratingsService';
import type { AuthUser } from '../../../lib/services/tokens';
import { createMemoryDatabase, createTempFileDatabase } from '../../support/database';

/** The Bayesian average, written out independently of the SQL that stores it. */
const bayesian = (values: number[], m: number, c: number) => {
  const v = values.length;
  const r = values.reduce((a, b) => a + b, 0) / v;
  return (v / (v + m)) * r + (m / (v + m)) * c;
};
/** C and every score refreshed over `db`, as the scheduled refreshScores does, with m = `minVotes`. */
const refreshScores = (db: Client, minVotes: number) => createCatalogueRepository(db).refreshScores(minVotes);
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('score', () => {
  let db: Client;
  let movies: MoviesRepository;
  const rate = (movieId: number, value: number) => createRatingsService({ ratings: createRatingsRepository(db) }).rate({ movieId, value });

  beforeEach(async () => {
    db = await createMemoryDatabase();
    movies = createMoviesRepository(db);
  });

  it('is null for a movie without ratings', async () => {
    const movie = await movies.create({ title: 'Unseen' });

    expect(movie.score).toBeNull();
  });

  it('is the Bayesian average with m and C after a refresh', async () => {
    const a = await movies.create({ title: 'Loved by one' });
    const b = await movies.create({ title: 'Loved by many' });
    const aValues = [5];
    const bValues = [5, 4, 5, 5, 4, 5, 5, 4, 5, 5, 5, 4];
    for (const value of aValues) await rate(a.id, value);
    for (const value of bValues) await rate(b.id, value);
    // The rest of the catalogue is middling, so C sits well below both films.
    const rest = await movies.create({ title: 'Middling' });
    const restValues = Array.from({ length: 20 }, () => 3);
    for (const value of restValues) await rate(rest.id, value);

    const refreshed = await refreshScores(db, 10);

    const c = mean([...aValues, ...bValues, ...restValues]);
    expect(refreshed.ratingMean).toBeCloseTo(c, 12);
    expect((await movies.findById(a.id))?.score).toBeCloseTo(bayesian(aValues, 10, c), 12);
    expect((await movies.findById(b.id))?.score).toBeCloseTo(bayesian(bValues, 10, c), 12);
    // The fair order: one 5-star rating does not beat a dozen mostly 5-star ones.
    expect((await movies.findById(b.id))!.score!).toBeGreaterThan((await movies.findById(a.id))!.score!);
  });

  it('follows each rating write at once with the stored C, for create, update and delete', async () => {
    const other = await movies.create({ title: 'Reference' });
    for (const value of [1, 2, 3]) await rate(other.id, value);
    await refreshScores(db, 5);
    const c = 2;
    const movie = await movies.create({ title: 'Moving' });
    const user = (await createUsersRepository(db).create({ email: 'ann@example.com', passwordHash: 'x', role: 'basic' }))!;
    const caller = { id: user.id, role: 'basic' } as AuthUser;
    const service = createRatingsService({ ratings: createRatingsRepository(db) });

    await rate(movie.id, 5);
    expect((await movies.findById(movie.id))?.score).toBeCloseTo(bayesian([5], 5, c), 12);

    const { rating } = await service.rateAsUser({ movieId: movie.id, userId: user.id, value: 4 });
    expect((await movies.findById(movie.id))?.score).toBeCloseTo(bayesian([5, 4], 5, c), 12);

    await service.changeValue(rating.id, 1, caller);
    expect((await movies.findById(movie.id))?.score).toBeCloseTo(bayesian([5, 1], 5, c), 12);

    await service.remove(rating.id, caller);
    expect((await movies.findById(movie.id))?.score).toBeCloseTo(bayesian([5], 5, c), 12);
  });

  it("uses the scale's midpoint 3 as C until the catalogue mean is first known", async () => {
    const movie = await movies.create({ title: 'First ever rated' });

    await rate(movie.id, 4);

    expect((await movies.findById(movie.id))?.score).toBeCloseTo(bayesian([4], 10, 3), 12);
  });

  it('keeps C at 3 when a refresh finds no rating yet', async () => {
    const movie = await movies.create({ title: 'Rated after an empty refresh' });
    await refreshScores(db, 10);

    await rate(movie.id, 5);

    expect((await movies.findById(movie.id))?.score).toBeCloseTo(bayesian([5], 10, 3), 12);
  });

  it('stays exact under concurrent writers on separate connections', async () => {
    const file = createTempFileDatabase();
    const clients = await Promise.all([file.open(), file.open(), file.open()]);
    try {
      const first = createMoviesRepository(clients[0]!);
      const seed = await first.create({ title: 'Seed' });
      await createRatingsService({ ratings: createRatingsRepository(clients[0]!) }).rate({ movieId: seed.id, value: 3 });
      await refreshScores(clients[0]!, 10);
      const shared = await first.create({ title: 'Crowded' });
      const values = Array.from({ length: 60 }, (_, i) => (i % 5) + 1);

      await Promise.all(
        values.map((value, i) =>
          createRatingsService({ ratings: createRatingsRepository(clients[i % 3]!) }).rate({ movieId: shared.id, value }),
        ),
      );

      expect((await first.findById(shared.id))?.score).toBeCloseTo(bayesian(values, 10, 3), 12);
    } finally {
      clients.forEach((client) => client.close());
      file.remove();
    }
  });

  it('ranks unrated films by their IMDb reference score when ordering by -score', async () => {
    await createCatalogueRepository(db).insertImported([
      {
        title: 'Niche',
        year: 2000,
        genres: [],
        director: null,
        running_time_min: null,
        import_key: '2000:niche',
        imdb: { rating: 9.5, votes: 20 },
        rotten_tomatoes: null,
      },
      {
        title: 'Classic',
        year: 1972,
        genres: [],
        director: null,
        running_time_min: null,
        import_key: '1972:classic',
        imdb: { rating: 9.2, votes: 500000 },
        rotten_tomatoes: 100,
      },
      {
        title: 'Flop',
        year: 2001,
        genres: [],
        director: null,
        running_time_min: null,
        import_key: '2001:flop',
        imdb: { rating: 3.1, votes: 40000 },
        rotten_tomatoes: 5,
      },
    ]);
    const rated = await movies.create({ title: 'Rated here' });
    await rate(rated.id, 2);
    await refreshScores(db, 10);

    const { movies: page } = await createMovieSearchRepository(db).list({ offset: 0, limit: 10, ordering: '-score' });

    // Films rated here come first (they have a score); the rest follow by IMDb rating weighed by its votes.
    expect(page.map((movie) => movie.title)).toEqual(['Rated here', 'Classic', 'Niche', 'Flop']);
  });

  it.each(['score', '-score'] as const)('serves ordering=%s from the score index, never sorting', async (ordering) => {
    const steps = await createMovieSearchRepository(db).listQueryPlan({ offset: 0, limit: 20, ordering });

    expect(steps.join('\n')).toMatch(/SCAN movies USING (COVERING )?INDEX movies_by_score/);
    expect(steps.join('\n')).not.toMatch(/TEMP B-TREE/);
  });

  it('stores m from SCORE_MIN_VOTES, 10 by default', () => {
    expect(parseConfig({}).scoreMinVotes).toBe(10);
    expect(parseConfig({ SCORE_MIN_VOTES: '25' }).scoreMinVotes).toBe(25);
    expect(() => parseConfig({ SCORE_MIN_VOTES: '-1' })).toThrow();
  });
});

describe('migration 007 (catalogue quality) on an existing database', () => {
  it('computes C and every score from the stored ratings', async () => {
    const db = createClient({ url: ':memory:' });
    await migrate(
      db,
      migrations.filter((m) => m.name < '006'),
    );
    await db.executeMultiple(`
      INSERT INTO movies (id, title, rating_sum, rating_count) VALUES (1, 'Old', 12, 3), (2, 'Other', 1, 1), (3, 'Unrated', 0, 0);
      INSERT INTO ratings (movie_id, value) VALUES (1, 5), (1, 5), (1, 2), (2, 1);
    `);

    await migrate(db);

    const movies = createMoviesRepository(db);
    expect((await movies.findById(1))?.score).toBeCloseTo(bayesian([5, 5, 2], 10, 13 / 4), 12);
    expect((await movies.findById(3))?.score).toBeNull();
  });
});

describe('migration 009 on a database rated before C was first known', () => {
  it('scores again with C = 3 the films scored by their own mean, and leave C itself unknown', async () => {
    const db = createClient({ url: ':memory:' });
    await migrate(
      db,
      migrations.filter((m) => m.name < '009'),
    );
    await db.executeMultiple(`
      INSERT INTO movies (id, title) VALUES (1, 'One five'), (2, 'Unrated');
      INSERT INTO ratings (movie_id, value) VALUES (1, 5);
      UPDATE movies SET rating_sum = 5, rating_count = 1 WHERE id = 1;
    `);
    expect((await createMoviesRepository(db).findById(1))?.score).toBe(5);

    await migrate(db);

    const movies = createMoviesRepository(db);
    expect((await movies.findById(1))?.score).toBeCloseTo(bayesian([5], 10, 3), 12);
    expect((await movies.findById(2))?.score).toBeNull();
    expect((await db.execute('SELECT rating_mean FROM catalogue_stats')).rows[0]?.rating_mean).toBeNull();
  });
});

describe('the scheduled refresh', () => {
  it('is a function of serverless.yml run by a schedule event', async () => {
    const loader = require('../../../scripts/serverless/functions.js') as () => Promise<
      Record<string, { handler: string; events: unknown[] }>
    >;

    const refresh = (await loader()).refreshScores;

    expect(refresh?.handler).toBe('functions/catalogue/refreshScores.handler');
    expect(refresh?.events).toEqual([{ schedule: expect.stringMatching(/^rate\(\d+ minutes?\)$/) }]);
  });

  it('refreshes C and the scores when its handler runs', async () => {
    const { refreshScores } = await import('../../../functions/catalogue/refreshScores');
    const services = await createTestServices({ env: { SCORE_MIN_VOTES: '10' } });
    const movies = services.movies;
    const movie = await movies.create({ title: 'Rated' });
    await services.ratings.rate({ movieId: movie.id, value: 5 });
    await services.db.execute('UPDATE catalogue_stats SET rating_mean = 1');

    const result = await refreshScores(services);

    expect(result.ratingMean).toBe(5);
    expect((await movies.get(movie.id)).score).toBe(5);
  });
});
