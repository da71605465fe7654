import type { Client } from '@libsql/client';
import { NotFound } from '../../../lib/errors';
import { createMoviesRepository } from '../../../lib/repositories/moviesRepository';
import { createRatingsRepository } from '../../../lib/repositories/ratingsRepository';
import { createRatingsService, type RatingsService } from '../../../lib/services/ratingsService';
import { createMemoryDatabase, createTempFileDatabase } from '../../support/database';

const servicesOn = (db: Client) => ({
  movies: createMoviesRepository(db),
  ratings: createRatingsService({ ratings: createRatingsRepository(db) }),
});

describe('ratingsService', () => {
  let db: Client;
  let ratings: RatingsService;
  let movieId: number;

  beforeEach(async () => {
    db = await createMemoryDatabase();
    const services = servicesOn(db);
    ratings = services.ratings;
    movieId = (await services.movies.create({ title: 'Inception', genres: [] })).id;
  });

  const movie = () => createMoviesRepository(db).findById(movieId);

  it('records an anonymous rating', async () => {
    const rating = await ratings.rate({ movieId, value: 4 });

    expect(rating).toEqual({
      id: expect.any(Number),
      movie: movieId,
      value: 4,
      user: null,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
  });

  it('keeps the average the exact mean of the ratings', async () => {
    await ratings.rate({ movieId, value: 4 });
    await ratings.rate({ movieId, value: 5 });
    expect(await movie()).toMatchObject({ rating: 4.5, rating_count: 2 });

    await ratings.rate({ movieId, value: 1 });
    expect(await movie()).toMatchObject({ rating: 10 / 3, rating_count: 3 });
  });

  it('refuses a rating for an unknown movie and stores nothing', async () => {
    await expect(ratings.rate({ movieId: movieId + 999, value: 3 })).rejects.toThrow(NotFound);

    const count = await db.execute('SELECT count(*) AS n FROM ratings');
    expect(count.rows[0]?.n).toBe(0);
    expect(await movie()).toMatchObject({ rating: null, rating_count: 0 });
  });

  it('keeps the aggregate exact under 100 concurrent writers on separate connections', async () => {
    const file = createTempFileDatabase();
    try {
      const containers = await Promise.all(Array.from({ length: 4 }, () => file.open()));
      const first = servicesOn(containers[0]!);
      const shared = await first.movies.create({ title: 'Crowded', genres: [] });
      const values = Array.from({ length: 100 }, (_, i) => (i % 5) + 1);

      await Promise.all(
        values.map((value, i) => servicesOn(containers[i % containers.length]!).ratings.rate({ movieId: shared.id, value })),
      );

      const stored = await first.movies.findById(shared.id);
      expect(stored).toMatchObject({ rating_count: 100, rating: 3 });
      const sum = await containers[0]!.execute({ sql: 'SELECT sum(value) AS s FROM ratings WHERE movie_id = ?', args: [shared.id] });
      expect(sum.rows[0]?.s).toBe(300);
      containers.forEach((c) => c.close());
    } finally {
      file.remove();
    }
  });
});
