import { createClient, type Client } from '@libsql/client';
import { migrate } from '../../../lib/db/migrate';
import { migrations } from '../../../lib/db/migrations';
import { createMoviesRepository, type MoviesRepository } from '../../../lib/repositories/moviesRepository';
import { createMovieSearchRepository } from '../../../lib/repositories/movieSearchRepository';
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
      external_ratings: null,
      rating: null,
      rating_count: 0,
      rating_distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
      score: null,
      summary: null,
      summary_source: null,
      summary_generated_at: null,
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

describe('movieSearchRepository.list search', () => {
  it('reads the title index, never scanning the movies table', async () => {
    const db = await createMemoryDatabase();

    const steps = await createMovieSearchRepository(db).listQueryPlan({ offset: 0, limit: 20, search: 'star wars' });

    expect(steps.some((step) => /SCAN movies_fts VIRTUAL TABLE INDEX/.test(step))).toBe(true);
    expect(steps.filter((step) => /^SCAN movies\b(?!_fts)/.test(step))).toEqual([]);
  });

  it('indexes the titles of movies stored before the search index existed', async () => {
    const db = createClient({ url: ':memory:' });
    await migrate(db, migrations.slice(0, 1));
    await db.execute("INSERT INTO movies (title) VALUES ('Older than the index'), ('Something else')");

    await migrate(db);

    const { movies } = await createMovieSearchRepository(db).list({ offset: 0, limit: 10, search: 'older index' });
    expect(movies.map((m) => m.title)).toEqual(['Older than the index']);
  });
});

describe('movieSearchRepository.list ordering', () => {
  it.each(['title', '-title', 'year', '-year', 'rating', '-rating', 'rating_count', '-rating_count', 'created_at', '-created_at'] as const)(
    'reads the movies in %s order from an index, without sorting them',
    async (ordering) => {
      const db = await createMemoryDatabase();

      const steps = await createMovieSearchRepository(db).listQueryPlan({ offset: 0, limit: 20, ordering });

      expect(steps.join('\n')).toMatch(/SCAN movies USING (COVERING )?INDEX/);
      expect(steps.join('\n')).not.toMatch(/TEMP B-TREE/);
    },
  );

  it('finds the movies of a genre through the genre index', async () => {
    const db = await createMemoryDatabase();

    const steps = await createMovieSearchRepository(db).listQueryPlan({ offset: 0, limit: 20, genre: 'Drama' });

    expect(steps.join('\n')).toMatch(/movie_genres USING PRIMARY KEY \(genre=\?\)/);
  });
});

/**
 * Counting every movie walks a whole index: 6.5 ms for 100,000 films on a fresh connection (the first request of a
 * container), whose pages must all be read. An unfiltered listing reads the catalogue's tally instead, kept exact by
 * triggers in the same statement as each insert and delete.
 */
describe('movieSearchRepository.list count of the whole catalogue', () => {
  it('reads the tally of catalogue_stats, never the movies', async () => {
    const db = await createMemoryDatabase();

    const steps = await createMovieSearchRepository(db).listQueryPlan({ offset: 0, limit: 20 }, 'count');

    expect(steps.join('\n')).toMatch(/catalogue_stats/);
    expect(steps.join('\n')).not.toMatch(/\bmovies\b/);
  });

  it('stays exact through every way a movie is added or removed, and counts filtered lists by their matches', async () => {
    const db = await createMemoryDatabase();
    const movies = createMoviesRepository(db);
    const search = createMovieSearchRepository(db);
    const [a] = [await movies.create({ title: 'Heat' }), await movies.create({ title: 'Ran', genres: ['Drama'] })];
    await db.execute(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50) INSERT INTO movies (title) SELECT 'Film ' || i FROM n`,
    );
    await movies.delete(a.id);
    await db.execute("DELETE FROM movies WHERE title IN ('Film 1', 'Film 2')");

    const all = await search.list({ offset: 0, limit: 5 });
    const drama = await search.list({ offset: 0, limit: 5, genre: 'drama' });

    expect(all.count).toBe(49);
    expect(drama.count).toBe(1);
    expect((await db.execute('SELECT count(*) AS n FROM movies')).rows[0]!.n).toBe(49);
  });

  it('counts the movies stored before the tally existed', async () => {
    const db = createClient({ url: ':memory:' });
    await migrate(db, migrations.slice(0, 13));
    await db.execute("INSERT INTO movies (title) VALUES ('One'), ('Two'), ('Three')");

    await migrate(db);

    expect((await createMovieSearchRepository(db).list({ offset: 0, limit: 1 })).count).toBe(3);
  });
});
