import type { Client } from '@libsql/client';
import { parseDatasetRow, importMovies, readDataset, bundledMoviesDataset, type ImportProgress } from '../../../scripts/movieImport';
import { createCatalogueRepository } from '../../../lib/repositories/catalogueRepository';
import { createMoviesRepository } from '../../../lib/repositories/moviesRepository';
import { createMovieSearchRepository } from '../../../lib/repositories/movieSearchRepository';
import { createCatalogueService } from '../../../lib/services/catalogueService';
import { createMemoryDatabase, createTempFileDatabase, type TempFileDatabase } from '../../support/database';

/** The catalogue the import writes to, over the test's database. */
const catalogueOf = (db: Client) =>
  createCatalogueService({ catalogue: createCatalogueRepository(db), movies: createMoviesRepository(db), minVotes: 10 });

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
        imdb: null,
        rotten_tomatoes: null,
      },
    });
  });

  it('takes the IMDb rating with its votes, and the Rotten Tomatoes rating', () => {
    const parsed = parseDatasetRow(row({ 'IMDB Rating': 7.4, 'IMDB Votes': 240732, 'Rotten Tomatoes Rating': 83 }));

    expect(parsed).toMatchObject({ ok: true, movie: { imdb: { rating: 7.4, votes: 240732 }, rotten_tomatoes: 83 } });
  });

  it('leaves out an IMDb rating without its votes, and figures out of their scale, keeping the film', () => {
    expect(parseDatasetRow(row({ 'IMDB Rating': 7.4, 'IMDB Votes': null }))).toMatchObject({ ok: true, movie: { imdb: null } });
    expect(parseDatasetRow(row({ 'IMDB Rating': 11, 'IMDB Votes': 5 }))).toMatchObject({ ok: true, movie: { imdb: null } });
    expect(parseDatasetRow(row({ 'Rotten Tomatoes Rating': 140 }))).toMatchObject({ ok: true, movie: { rotten_tomatoes: null } });
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

  it.each([
    ['a text', 'Titanic'],
    ['null', null],
    ['a list', [{ Title: 'Titanic' }]],
    ['a number', 1997],
  ])('refuses a row that is %s, not an object', (_case, value) => {
    expect(parseDatasetRow(value)).toEqual({ ok: false, reason: 'row' });
  });

  it.each([
    [{ 'Release Date': ' Dec 19 1997 ' }, 1997],
    [{ 'Release Date': 'Jan 1 1870' }, 1870],
    [{ 'Release Date': 'Dec 31 2011' }, 2011],
    [{ 'Release Date': 'Feb 29 1996' }, 1996],
    [{ 'Release Date': null }, null],
    [{ 'Release Date': undefined }, null],
  ])('reads %j as the year %p', (fields, year) => {
    expect(parseDatasetRow(row(fields))).toMatchObject({ ok: true, movie: { year } });
  });

  it.each([
    [{ 'Release Date': 'Dec 31 1869' }, 'release date'],
    [{ 'Release Date': 'Jan 1 2012' }, 'release date'],
    [{ 'Release Date': 'Feb 29 1997' }, 'release date'],
    [{ 'Release Date': 'Apr 31 1997' }, 'release date'],
    [{ 'Release Date': 'Dez 19 1997' }, 'release date'],
    [{ 'Release Date': 'On Dec 19 1997' }, 'release date'],
    [{ 'Release Date': 'Dec 19 1997 or so' }, 'release date'],
    [{ 'Major Genre': 'x'.repeat(51) }, 'genre'],
    [{ Director: 'x'.repeat(201) }, 'director'],
  ])('refuses %j, naming the %s', (fields, reason) => {
    expect(parseDatasetRow(row(fields))).toEqual({ ok: false, reason });
  });

  it('trims the genre and the director, and refuses one that is only spaces', () => {
    expect(parseDatasetRow(row({ 'Major Genre': ' Drama ', Director: ' Jane Campion ' }))).toMatchObject({
      ok: true,
      movie: { genres: ['Drama'], director: 'Jane Campion' },
    });
    expect(parseDatasetRow(row({ 'Major Genre': '   ' }))).toEqual({ ok: false, reason: 'genre' });
    expect(parseDatasetRow(row({ Director: '  ' }))).toEqual({ ok: false, reason: 'director' });
  });

  it('leaves out IMDb votes without their rating', () => {
    expect(parseDatasetRow(row({ 'IMDB Rating': null, 'IMDB Votes': 5000 }))).toMatchObject({ ok: true, movie: { imdb: null } });
    expect(parseDatasetRow(row({ 'IMDB Votes': 5000 }))).toMatchObject({ ok: true, movie: { imdb: null } });
    expect(parseDatasetRow(row({ 'IMDB Rating': 6.1 }))).toMatchObject({ ok: true, movie: { imdb: null } });
  });

  it('keys a film without a release date by its title alone, words kept apart', () => {
    expect(parseDatasetRow(row({ Title: ' The  Thin Red Line ', 'Release Date': null }))).toMatchObject({
      ok: true,
      movie: { import_key: ':the thin red line' },
    });
  });
});

describe('parseDatasetRow: the titles the dataset garbled', () => {
  /**
   * Every non-ASCII title of vega-datasets' movies.json, and the title stored for it. The file's titles were written
   * in Windows-1252 and read as Mac Roman before it was published ("LÈon"); each is repaired when the repaired form
   * reads as Latin text and the garbled one does not. "Alien³" has no Mac Roman form (it was never garbled) and
   * "Ri¢hie Ri¢h" is the same in both: they stay as they are.
   */
  const expected: [string, string][] = [
    ['AstÈrix aux Jeux Olympiques', 'Astérix aux Jeux Olympiques'],
    ["De battre mon coeur s'est arrÍtÈ", "De battre mon coeur s'est arrêté"],
    ['Les BronzÈs 3: amis pour la vie', 'Les Bronzés 3: amis pour la vie'],
    ['Per qualche dollaro in pi˘', 'Per qualche dollaro in più'],
    ["I Love You Ö Don't Touch Me!", "I Love You … Don't Touch Me!"],
    ['Alien³', 'Alien³'],
    ['The Naked Gun 2Ω: The Smell of Fear', 'The Naked Gun 2½: The Smell of Fear'],
    ['LÈon', 'Léon'],
    ['Ri¢hie Ri¢h', 'Ri¢hie Ri¢h'],
    ["Le Fabuleux destin d'AmÈlie Poulain", "Le Fabuleux destin d'Amélie Poulain"],
    ['AimÈe & Jaguar', 'Aimée & Jaguar'],
    ['La mala educaciÛn', 'La mala educación'],
    ['CachÈ', 'Caché'],
    ['Die F‰lscher', 'Die Fälscher'],
    ['DÈj‡ Vu', 'Déjà Vu'],
    ['IndigËnes', 'Indigènes'],
    ['Obsluhoval jsem anglickÈho kr·le', 'Obsluhoval jsem anglického krále'],
    ['La MÙme', 'La Môme'],
    ['Joyeux NoÎl', 'Joyeux Noël'],
    ['MoliËre', 'Molière'],
  ];

  it('stores every non-ASCII title of the dataset as it is really written', () => {
    const nonAscii = readDataset(bundledMoviesDataset()).filter((row) => /[^ -~]/.test(String((row as { Title: unknown }).Title)));
    const stored = nonAscii.map((row) => {
      const parsed = parseDatasetRow(row);
      return [(row as { Title: string }).Title, parsed.ok ? parsed.movie.title : parsed.reason];
    });

    expect(stored).toEqual(expected);
  });

  it.each([
    ['Amélie'],
    ['Léon: The Professional'],
    ['Ángel'],
    ['À bout de souffle'],
    ['ÉTÉ'],
    ['Ödön'],
    ['Les Misérables'],
    ['Wait…'],
    ['Crème Brûlée'],
  ])('keeps %p, a title written correctly, as it is', (title) => {
    expect(parseDatasetRow({ Title: title })).toMatchObject({ ok: true, movie: { title } });
  });

  it('keys a repaired film by the title as the file spells it, so a database seeded before the repair finds its films again', () => {
    expect(parseDatasetRow({ Title: 'LÈon', 'Release Date': 'Nov 18 1994' })).toMatchObject({
      ok: true,
      movie: { title: 'Léon', import_key: '1994:lèon' },
    });
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
    const first = await importMovies(rows, { catalogue: catalogueOf(db) });
    const second = await importMovies(rows, { catalogue: catalogueOf(db) });

    expect(first).toMatchObject({ read: 3201, imported: 3169, skipped: 32, alreadyPresent: 0 });
    expect(first.skippedBy).toEqual({ title: 10, 'release date': 22 });
    expect(second).toMatchObject({ read: 3201, imported: 0, skipped: 32, alreadyPresent: 3169 });
    expect(await count(db)).toBe(3169);
  });

  it('keeps the two King Kongs apart, each with its own year, director and genre', async () => {
    await importMovies(rows, { catalogue: catalogueOf(db) });

    const kongs = await db.execute("SELECT year, director, genres, running_time_min FROM movies WHERE title = 'King Kong' ORDER BY year");
    expect(kongs.rows.map((r) => ({ ...r }))).toEqual([
      { year: 1976, director: 'John Guillermin', genres: '[]', running_time_min: null },
      { year: 2005, director: 'Peter Jackson', genres: '["Adventure"]', running_time_min: 187 },
    ]);
  });

  it('files each film under its genre, for the genre filter', async () => {
    await importMovies(rows, { catalogue: catalogueOf(db) });

    expect(await count(db, "SELECT count(*) AS n FROM movie_genres WHERE genre = 'drama'")).toBeGreaterThan(700);
  });

  it('never refuses a movie a user created with the same title and year, nor skips the imported one', async () => {
    const movies = createMoviesRepository(db);
    const mine = await movies.create({ title: 'Titanic', year: 1997 });

    const summary = await importMovies(rows, { catalogue: catalogueOf(db) });

    expect(summary.imported).toBe(3169);
    expect(await count(db, "SELECT count(*) AS n FROM movies WHERE title = 'Titanic' AND year = 1997")).toBe(2);
    expect(await movies.findById(mine.id)).toMatchObject({ title: 'Titanic', director: null });
  });

  it('reports its progress batch by batch, up to every row read', async () => {
    const progress: ImportProgress[] = [];

    await importMovies(rows, { catalogue: catalogueOf(db), batchSize: 1000, onProgress: (p) => progress.push(p) });

    expect(progress.map((p) => p.done)).toEqual([1000, 2000, 3000, 3201]);
    expect(progress.every((p) => p.total === 3201)).toBe(true);
  });
});

describe('importMovies atomicity', () => {
  it('stores a batch entirely or not at all', async () => {
    const db = await createMemoryDatabase();

    // A fault inside the database half-way through the batch, as a full disk or a lost connection would be.
    await db.execute("CREATE TRIGGER refuse_boom BEFORE INSERT ON movies WHEN NEW.title = 'Boom' BEGIN SELECT RAISE(ABORT, 'boom'); END");
    const rows = ['Fine', 'Boom', 'Also fine'].map((Title) => ({ Title, 'Release Date': 'Jan 01 2000' }));

    await expect(importMovies(rows, { catalogue: catalogueOf(db), batchSize: 10 })).rejects.toThrow();

    expect(await count(db)).toBe(0);
  });
});

describe('importMovies over a database that already holds the films', () => {
  it('fills in the facts of films stored without them, once', async () => {
    const db = await createMemoryDatabase();

    const rows = readDataset(bundledMoviesDataset());
    await importMovies(rows, { catalogue: catalogueOf(db) });
    // As a database imported before external ratings existed holds its films.
    await db.execute('UPDATE movies SET imdb_rating = NULL, imdb_votes = NULL, rotten_tomatoes = NULL, director = NULL');
    const withFacts = Number(
      await count(
        db,
        'SELECT count(*) AS n FROM movies WHERE imdb_votes IS NOT NULL OR director IS NOT NULL OR rotten_tomatoes IS NOT NULL',
      ),
    );

    const filled = await importMovies(rows, { catalogue: catalogueOf(db) });
    const again = await importMovies(rows, { catalogue: catalogueOf(db) });

    expect(filled).toMatchObject({ imported: 0, alreadyPresent: 3169, filledIn: expect.any(Number) });
    expect(filled.filledIn).toBeGreaterThan(2900);
    expect(withFacts).toBe(0);
    expect(again).toMatchObject({ imported: 0, alreadyPresent: 3169, filledIn: 0 });
    const found = await createMovieSearchRepository(db).list({ offset: 0, limit: 5, search: 'titanic' });
    const titanic = found.movies.find((movie) => movie.year === 1997)!;
    expect(titanic).toMatchObject({
      director: 'James Cameron',
      running_time_min: 194,
      external_ratings: { imdb: { rating: 7.4, votes: 240732 }, rotten_tomatoes: 82 },
    });
  });

  it('clears a stored summary when the facts it was written from change', async () => {
    const db = await createMemoryDatabase();

    const film = { Title: 'Heat', 'Release Date': 'Dec 15 1995', Director: 'Michael Mann', 'IMDB Rating': 8.2, 'IMDB Votes': 197000 };
    await importMovies([film], { catalogue: catalogueOf(db) });
    await db.execute("UPDATE movies SET summary = 'Old.', summary_source = 'facts', imdb_rating = NULL, imdb_votes = NULL");

    await importMovies([film], { catalogue: catalogueOf(db) });

    const [heat] = (await createMovieSearchRepository(db).list({ offset: 0, limit: 1, search: 'heat' })).movies;
    expect(heat).toMatchObject({ summary: null, external_ratings: { imdb: { rating: 8.2, votes: 197000 } } });
  });

  it('gives movies created through the API no external ratings', async () => {
    const movies = createMoviesRepository(await createMemoryDatabase());

    expect((await movies.create({ title: 'Home made' })).external_ratings).toBeNull();
  });
});
