import type { Client } from '@libsql/client';
import { migrate } from '../../../lib/db/migrate';
import { openDatabase } from '../../../lib/db/client';
import { migrations } from '../../../lib/db/migrations';
import { createCatalogueRepository } from '../../../lib/repositories/catalogueRepository';
import { createMoviesRepository } from '../../../lib/repositories/moviesRepository';
import { createMemoryDatabase } from '../../support/database';

/** Every movie carries the key its title is matched by on import (migration 011), whoever wrote it. */
describe('movies.title_key', () => {
  const keyOf = async (db: Client, id: number) =>
    (await db.execute({ sql: 'SELECT title_key FROM movies WHERE id = ?', args: [id] })).rows[0]?.title_key;

  it('is written with a movie created through the API', async () => {
    const db = await createMemoryDatabase();
    const movie = await createMoviesRepository(db).create({ title: '  Amélie ', year: 2001 });

    expect(await keyOf(db, movie.id)).toBe('amelie');
  });

  it("follows an admin's change of title, and stay when only the year changes", async () => {
    const db = await createMemoryDatabase();
    const movies = createMoviesRepository(db);
    const movie = await movies.create({ title: 'Leon', year: 1994 });

    await movies.update(movie.id, { title: 'Léon: The Professional' });
    expect(await keyOf(db, movie.id)).toBe('leon: the professional');
    await movies.update(movie.id, { year: 1995 });
    expect(await keyOf(db, movie.id)).toBe('leon: the professional');
  });

  it('is written with every film of the dataset import', async () => {
    const db = await createMemoryDatabase();
    const film = { year: 2005, genres: [], director: null, running_time_min: null };
    await createCatalogueRepository(db).insertImported([
      { ...film, title: 'King Kong', import_key: '2005:king kong' },
      { ...film, title: 'Crème Brûlée', import_key: '2005:crème brûlée' },
    ]);

    const keys = await db.execute('SELECT title_key FROM movies ORDER BY id');
    expect(keys.rows.map((row) => row.title_key)).toEqual(['king kong', 'creme brulee']);
  });

  it('is made by the database for a plain ASCII title inserted by SQL that does not know the key (a seed, a bench)', async () => {
    const db = await createMemoryDatabase();
    await db.execute("INSERT INTO movies (title, year) VALUES ('  The BIG Lebowski ', 1998), ('Amélie', 2001), ('Tab\tbed', 2000)");

    const keys = await db.execute('SELECT title_key FROM movies ORDER BY id');
    // Outside printable ASCII SQLite's lower() and trim() are not matchingTitle: no key, so never a wrong match.
    expect(keys.rows.map((row) => row.title_key)).toEqual(['the big lebowski', null, null]);
  });

  it('is filled in for the movies stored before the migration, and looked up through an index', async () => {
    const db = await openDatabase({ url: ':memory:' });
    await migrate(
      db,
      migrations.filter((migration) => migration.name < '011'),
    );
    await db.execute("INSERT INTO movies (title, year) VALUES ('ÉTÉ', 1990), ('Heat', NULL)");

    await migrate(db);

    const keys = await db.execute('SELECT title_key FROM movies ORDER BY id');
    expect(keys.rows.map((row) => row.title_key)).toEqual(['ete', 'heat']);
    const plan = await db.execute("EXPLAIN QUERY PLAN SELECT id FROM movies WHERE title_key = 'heat' AND year IS NULL");
    expect(plan.rows.map((row) => String(row.detail)).join('\n')).toMatch(/USING (COVERING )?INDEX movies_by_title_key/);
  });
});
