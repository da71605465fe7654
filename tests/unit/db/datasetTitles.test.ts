import type { Client } from '@libsql/client';
import { migrate } from '../../../lib/db/migrate';
import { openDatabase } from '../../../lib/db/client';
import { migrations } from '../../../lib/db/migrations';
import { createCatalogueRepository, type ImportedMovie } from '../../../lib/repositories/catalogueRepository';
import { createMoviesRepository } from '../../../lib/repositories/moviesRepository';
import { createMovieSearchRepository } from '../../../lib/repositories/movieSearchRepository';
import { createCatalogueService } from '../../../lib/services/catalogueService';
import { bundledMoviesDataset, importMovies, parseDatasetRow, readDataset } from '../../../scripts/movieImport';

/**
 * A database seeded before the import repaired the dataset's garbled titles (Windows-1252 read as Mac Roman) holds
 * "LÈon" and "DÈj‡ Vu"; migration 015 repairs them in place, and only them.
 */
describe('migration 015: the dataset titles seeded garbled', () => {
  const rows = readDataset(bundledMoviesDataset());
  let db: Client;

  /** The films as the import stored them before the repair: each row's title as the file spells it. */
  async function seedAsBefore(): Promise<void> {
    const films = new Map<string, ImportedMovie>();
    for (const row of rows) {
      const parsed = parseDatasetRow(row);
      const title = String((row as { Title: string }).Title)
        .trim()
        .replace(/\s+/g, ' ');
      if (parsed.ok && !films.has(parsed.movie.import_key)) films.set(parsed.movie.import_key, { ...parsed.movie, title });
    }
    await createCatalogueRepository(db).insertImported([...films.values()]);
  }

  const search = async (text: string) =>
    (await createMovieSearchRepository(db).list({ offset: 0, limit: 100, search: text })).movies.map((movie) => movie.title);
  const movieRow = async (title: string) =>
    (await db.execute({ sql: 'SELECT * FROM movies WHERE title = ? ORDER BY id', args: [title] })).rows.map((row) => ({ ...row }));

  beforeEach(async () => {
    db = await openDatabase({ url: ':memory:' });
    await migrate(
      db,
      migrations.filter((migration) => migration.name < '015'),
    );
    await seedAsBefore();
  });
  afterEach(() => db.close());

  it('repairs the 18 garbled titles, and finds "leon", "deja vu" and "amelie" as they are really written', async () => {
    await migrate(db);

    expect(await search('leon')).toEqual(['Léon']);
    expect(await search('deja vu')).toEqual(['Déjà Vu']);
    expect(await search('amelie')).toEqual(["Le Fabuleux destin d'Amélie Poulain"]);
    const nonAscii = await db.execute("SELECT title FROM movies WHERE title GLOB '*[^ -~]*' ORDER BY title");
    expect(nonAscii.rows.map((row) => row.title)).toEqual([
      'Aimée & Jaguar',
      'Alien³',
      'Astérix aux Jeux Olympiques',
      'Caché',
      "De battre mon coeur s'est arrêté",
      'Die Fälscher',
      'Déjà Vu',
      "I Love You … Don't Touch Me!",
      'Indigènes',
      'Joyeux Noël',
      'La Môme',
      'La mala educación',
      "Le Fabuleux destin d'Amélie Poulain",
      'Les Bronzés 3: amis pour la vie',
      'Léon',
      'Molière',
      'Obsluhoval jsem anglického krále',
      'Per qualche dollaro in più',
      'Ri¢hie Ri¢h',
      'The Naked Gun 2½: The Smell of Fear',
    ]);
  });

  it('keeps the search index and the matching keys in step with the repaired titles', async () => {
    await migrate(db);

    // The index holds exactly the titles stored (external content: a stale entry would fail the check).
    await expect(db.execute("INSERT INTO movies_fts (movies_fts, rank) VALUES ('integrity-check', 1)")).resolves.toBeDefined();
    expect(await search('dej')).toEqual(['Déjà Vu']);
    expect(await search('pi')).not.toContain('Per qualche dollaro in pi˘');
    const [leon] = await movieRow('Léon');
    expect(leon).toMatchObject({ title_key: 'leon', year: 1994, director: 'Luc Besson', imdb_votes: 199762 });
    const [gun] = await movieRow('The Naked Gun 2½: The Smell of Fear');
    expect(gun).toMatchObject({ title_key: 'the naked gun 2½: the smell of fear' });
  });

  it('clears the summary written from a garbled title, so the next read writes one from the real title', async () => {
    await db.execute(
      "UPDATE movies SET summary = 'LÈon is a film.', summary_source = 'facts', summary_generated_at = '2026-01-01T00:00:00.000Z' WHERE title = 'LÈon'",
    );
    await db.execute("UPDATE movies SET summary = 'Fargo is a film.', summary_source = 'facts' WHERE title = 'Fargo'");

    await migrate(db);

    expect(await movieRow('Léon')).toMatchObject([{ summary: null, summary_source: null, summary_generated_at: null }]);
    expect(await movieRow('Fargo')).toMatchObject([{ summary: 'Fargo is a film.' }]);
  });

  it('leaves alone a movie created through the API that merely looks garbled, and a title an admin corrected', async () => {
    const movies = createMoviesRepository(db);
    const mine = await movies.create({ title: 'LÈon', year: 1994 });
    const [garbled] = await movieRow('CachÈ');
    await movies.update(Number(garbled!.id), { title: 'CachÈ (Hidden)' });

    await migrate(db);

    expect(await movies.findById(mine.id)).toMatchObject({ title: 'LÈon', external_ratings: null });
    expect(await movieRow('CachÈ (Hidden)')).toHaveLength(1);
    expect(await movieRow('Léon')).toMatchObject([{ year: 1994, director: 'Luc Besson' }]);
  });

  it('keeps each film found by the next import of the dataset: nothing added, every film once', async () => {
    await migrate(db);
    const catalogue = createCatalogueService({
      catalogue: createCatalogueRepository(db),
      movies: createMoviesRepository(db),
      minVotes: 10,
    });

    const summary = await importMovies(rows, { catalogue });

    expect(summary).toMatchObject({ imported: 0, alreadyPresent: 3169, filledIn: 0 });
    expect(await movieRow('Léon')).toHaveLength(1);
  });
});
