import type { Client } from '@libsql/client';
import { createMoviesRepository } from '../../../lib/repositories/moviesRepository';
import { createRatingsRepository } from '../../../lib/repositories/ratingsRepository';
import { createUsersRepository } from '../../../lib/repositories/usersRepository';
import { createRatingsService } from '../../../lib/services/ratingsService';
import { createTempFileDatabase, type TempFileDatabase } from '../../support/database';

describe('owned ratings under concurrency (a temp file database, several clients)', () => {
  let file: TempFileDatabase;
  let clients: Client[];
  beforeEach(async () => {
    file = createTempFileDatabase();
    clients = await Promise.all([file.open(), file.open(), file.open(), file.open()]);
  });
  afterEach(() => {
    clients.forEach((client) => client.close());
    file.remove();
  });

  it('leaves exactly one rating and an exact sum after 24 concurrent re-ratings by one user', async () => {
    const [first] = clients as [Client];
    const movie = await createMoviesRepository(first).create({ title: 'Contested' });
    const user = await createUsersRepository(first).create({ email: 'ann@example.com', passwordHash: 'x', role: 'basic' });
    await createRatingsService({ ratings: createRatingsRepository(first) }).rate({ movieId: movie.id, value: 2 }); // an anonymous one stays
    const values = Array.from({ length: 24 }, (_, i) => (i % 5) + 1);

    const results = await Promise.all(
      values.map((value, i) =>
        createRatingsService({ ratings: createRatingsRepository(clients[i % clients.length]!) }).rateAsUser({
          movieId: movie.id,
          userId: user!.id,
          value,
        }),
      ),
    );

    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.rating.id)).size).toBe(1);
    const stored = await first.execute({ sql: 'SELECT value FROM ratings WHERE movie_id = ? AND user_id = ?', args: [movie.id, user!.id] });
    expect(stored.rows).toHaveLength(1);
    const last = Number(stored.rows[0]!.value);
    expect(await createMoviesRepository(first).findById(movie.id)).toMatchObject({ rating_count: 2, rating: (2 + last) / 2 });
  });
});
