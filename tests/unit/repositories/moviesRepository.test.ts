import type { Client } from '@libsql/client';
import { createMoviesRepository, type MoviesRepository } from '../../../lib/repositories/moviesRepository';
import { createMemoryDatabase } from '../../support/database';

describe('moviesRepository', () => {
  let db: Client;
  let movies: MoviesRepository;

  beforeEach(async () => {
    db = await createMemoryDatabase();
    movies = createMoviesRepository(db);
  });

  it('creates a movie with no ratings and no summary yet', async () => {
    const movie = await movies.create({ title: 'Inception', description: 'Dreams', genres: ['Thriller', 'Sci-Fi'], year: 2010 });

    expect(movie).toEqual({
      id: expect.any(Number),
      title: 'Inception',
      description: 'Dreams',
      genres: ['Thriller', 'Sci-Fi'],
      year: 2010,
      director: null,
      running_time_min: null,
      rating: null,
      rating_count: 0,
      summary: null,
      summary_source: null,
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    });
  });

  it('finds a movie by id and answers undefined for an unknown id', async () => {
    const created = await movies.create({ title: 'Alien', genres: [] });

    expect(await movies.findById(created.id)).toEqual(created);
    expect(await movies.findById(created.id + 1000)).toBeUndefined();
  });

  it('stores unicode and SQL-looking titles verbatim', async () => {
    const titles = ["Robert'); DROP TABLE movies;--", 'Amélie 🎬 千と千尋の神隠し', '%_\\'];

    for (const title of titles) {
      const movie = await movies.create({ title, genres: [] });
      expect((await movies.findById(movie.id))?.title).toBe(title);
    }
  });

  it('indexes each genre of a movie once, whatever its case', async () => {
    const movie = await movies.create({ title: 'Heat', genres: ['Crime', 'crime', 'Drama'] });

    const rows = await db.execute({ sql: 'SELECT genre FROM movie_genres WHERE movie_id = ? ORDER BY genre', args: [movie.id] });

    expect(rows.rows.map((r) => r.genre)).toEqual(['Crime', 'Drama']);
  });
});
