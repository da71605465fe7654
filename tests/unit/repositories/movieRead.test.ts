import type { Client } from '@libsql/client';
import { MOVIE_COLUMNS, toMovie } from '../../../lib/repositories/movieRows';
import { createMoviesRepository } from '../../../lib/repositories/moviesRepository';
import { createMemoryDatabase } from '../../support/database';

/** getMovie's read of one movie, which the benchmark holds against a plain primary-key read of its columns. */
describe('moviesRepository.findById', () => {
  let db: Client;
  beforeEach(async () => {
    db = await createMemoryDatabase();
  });

  it("answers exactly what the movie's columns say, reals to their last digit", async () => {
    const { id } = await createMoviesRepository(db).create({
      title: 'Precise "quoted" ünïcode',
      genres: ['Drama', 'Film-Noir'],
      year: 1950,
      description: 'a\nb',
    });
    await db.execute({
      sql: `UPDATE movies SET imdb_rating = 7.1, imdb_votes = 12345, rotten_tomatoes = 87, import_key = 'k',
              rating_sum = 10, rating_count = 3, rating_count_3 = 2, rating_count_4 = 1, score = 10.0 / 3, summary = 'S', summary_source = 'facts' WHERE id = ?`,
      args: [id],
    });
    const byColumns = toMovie((await db.execute({ sql: `SELECT ${MOVIE_COLUMNS} FROM movies WHERE id = ?`, args: [id] })).rows[0]!);

    const read = await createMoviesRepository(db).findById(id);

    expect(read).toStrictEqual(byColumns);
    // A score of 10/3 and more needs 17 significant digits, which SQLite's JSON text of a real does not keep.
    expect(String(read?.score).replace(/^0\.|\./, '').length).toBeGreaterThan(15);
  });

  it('answers undefined for a movie that does not exist', async () => {
    expect(await createMoviesRepository(db).findById(999)).toBeUndefined();
  });
});
