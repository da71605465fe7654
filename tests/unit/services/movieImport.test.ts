import type { Client } from '@libsql/client';
import { parseDatasetRow, importMovies, readDataset, bundledMoviesDataset, type ImportProgress } from '../../../lib/services/movieImport';
import { createMoviesRepository } from '../../../lib/repositories/moviesRepository';
import { createMemoryDatabase, createTempFileDatabase, type TempFileDatabase } from '../../support/database';

const count = async (db: Client, sql = 'SELECT count(*) AS n FROM movies') => (await db.execute(sql)).rows[0]?.n;

describe('parseDatasetRow', () => {
  const row = (fields: Record<string, unknown> = {}) => ({
    Title: 'Titanic',
    'Release Date': 'Dec 19 1997',
    'Major Genre': 'Thriller/Suspense',
    Director: 'James Cameron',
    'Running Time min': 194,
    'US Gross': 600788188,
    ...fields,
  });

  it('takes the title, the year of the release date, the genre, the director and the running time', () => {
    expect(parseDatasetRow(row())).toEqual({
      ok: true,
      movie: {
        title: 'Titanic',
        year: 1997,
        genres: ['Thriller/Suspense'],
        director: 'James Cameron',
        running_time_min: 194,
        import_key: '1997:titanic',
      },
    });
  });

  it('leaves out what is missing', () => {
    const parsed = parseDatasetRow(row({ 'Major Genre': null, Director: null, 'Running Time min': null }));

    expect(parsed).toMatchObject({ ok: true, movie: { genres: [], director: null, running_time_min: null } });
  });

  it('identifies a film by its title, whatever its case and spacing, and its year', () => {
    const a = parseDatasetRow(row({ Title: 'King  Kong ' }));
    const b = parseDatasetRow(row({ Title: 'king kong' }));

    expect(a.ok && b.ok && a.movie.import_key === b.movie.import_key).toBe(true);
    expect(a).toMatchObject({ movie: { title: 'King Kong' } });
  });

  it.each([
    [{ Title: null }, 'title'],
    [{ Title: 1776 }, 'title'],
    [{ Title: '   ' }, 'title'],
    [{ Title: 'x'.repeat(201) }, 'title'],
    [{ 'Release Date': 'Feb 30 1998' }, 'release date'],
    [{ 'Release Date': 'sometime in 1998' }, 'release date'],
    [{ 'Release Date': 1998 }, 'release date'],
    // The file lists films released by 2011; a later date is a 19xx film whose year was read as 20xx.
    [{ 'Release Date': 'Dec 15 2039' }, 'release date'],
    [{ 'Running Time min': -5 }, 'running time'],
  ])('refuses %j, naming the %s', (fields, reason) => {
    expect(parseDatasetRow(row(fields))).toEqual({ ok: false, reason });
  });

  it('refuses a row that is not an object', () => {
    expect(parseDatasetRow('Titanic')).toEqual({ ok: false, reason: 'row' });
  });
});

describe('importMovies with the real dataset', () => {
  let file: TempFileDatabase;
  let db: Client;
  const rows = readDataset(bundledMoviesDataset());

  beforeEach(async () => {
    file = createTempFileDatabase();
    db = await file.open();
  });
  afterEach(() => {
    db.close();
    file.remove();
  });

  it('reads the 3,201 rows of vega-datasets movies.json', () => {
    expect(rows).toHaveLength(3201);
  });

  it('imports every valid film once, skips and counts the bad rows, and adds nothing the second time', async () => {
    const movies = createMoviesRepository(db);

    const first = await importMovies(rows, { movies });
    const second = await importMovies(rows, { movies });

    expect(first).toMatchObject({ read: 3201, imported: 3169, skipped: 32, alreadyPresent: 0 });
    expect(first.skippedBy).toEqual({ title: 10, 'release date': 22 });
    expect(second).toMatchObject({ read: 3201, imported: 0, skipped: 32, alreadyPresent: 3169 });
    expect(await count(db)).toBe(3169);
  });

  it('keeps the two King Kongs apart, each with its own year, director and genre', async () => {
    await importMovies(rows, { movies: createMoviesRepository(db) });

    const kongs = await db.execute("SELECT year, director, genres, running_time_min FROM movies WHERE title = 'King Kong' ORDER BY year");
    expect(kongs.rows.map((r) => ({ ...r }))).toEqual([
      { year: 1976, director: 'John Guillermin', genres: '[]', running_time_min: null },
      { year: 2005, director: 'Peter Jackson', genres: '["Adventure"]', running_time_min: 187 },
    ]);
  });

  it('files each film under its genre, for the genre filter', async () => {
    await importMovies(rows, { movies: createMoviesRepository(db) });

    expect(await count(db, "SELECT count(*) AS n FROM movie_genres WHERE genre = 'drama'")).toBeGreaterThan(700);
  });

  it('never refuses a movie a user created with the same title and year, nor skips the imported one', async () => {
    const movies = createMoviesRepository(db);
    const mine = await movies.create({ title: 'Titanic', year: 1997 });

    const summary = await importMovies(rows, { movies });

    expect(summary.imported).toBe(3169);
    expect(await count(db, "SELECT count(*) AS n FROM movies WHERE title = 'Titanic' AND year = 1997")).toBe(2);
    expect(await movies.findById(mine.id)).toMatchObject({ title: 'Titanic', director: null });
  });

  it('reports its progress batch by batch, up to every row read', async () => {
    const progress: ImportProgress[] = [];

    await importMovies(rows, { movies: createMoviesRepository(db), batchSize: 1000, onProgress: (p) => progress.push(p) });

    expect(progress.map((p) => p.done)).toEqual([1000, 2000, 3000, 3201]);
    expect(progress.every((p) => p.total === 3201)).toBe(true);
  });
});

describe('importMovies atomicity', () => {
  it('stores a batch entirely or not at all', async () => {
    const db = await createMemoryDatabase();
    const movies = createMoviesRepository(db);
    // A fault inside the database half-way through the batch, as a full disk or a lost connection would be.
    await db.execute("CREATE TRIGGER refuse_boom BEFORE INSERT ON movies WHEN NEW.title = 'Boom' BEGIN SELECT RAISE(ABORT, 'boom'); END");
    const rows = ['Fine', 'Boom', 'Also fine'].map((Title) => ({ Title, 'Release Date': 'Jan 01 2000' }));

    await expect(importMovies(rows, { movies, batchSize: 10 })).rejects.toThrow();

    expect(await count(db)).toBe(0);
  });
});
