import type { Client } from '@libsql/client';
import { createClient } from '@libsql/client';
import { migrate } from '../../../lib/db/migrate';
import { migrations } from '../../../lib/db/migrations';
import { createMemoryDatabase } from '../../support/database';

const insertUser = (db: Client, email: string) =>
  db
    .execute({ sql: "INSERT INTO users (email, password_hash) VALUES (?, 'x') RETURNING id", args: [email] })
    .then((r) => Number(r.rows[0]!.id));
const insertMovie = (db: Client, title: string) =>
  db
    .execute({ sql: 'INSERT INTO movies (title, genres) VALUES (?, \'["Drama"]\') RETURNING id', args: [title] })
    .then((r) => Number(r.rows[0]!.id));
const insertRating = (db: Client, movieId: number, userId: number | null) =>
  db
    .execute({ sql: 'INSERT INTO ratings (movie_id, user_id, value) VALUES (?, ?, 4) RETURNING id', args: [movieId, userId] })
    .then((r) => Number(r.rows[0]!.id));
const insertCollection = (db: Client, userId: number) =>
  db
    .execute({ sql: "INSERT INTO collections (user_id, title) VALUES (?, 'c') RETURNING id", args: [userId] })
    .then((r) => Number(r.rows[0]!.id));

/** The probe's first finding: delete the newest row and the next insert must not get its id back. */
describe('ids are never reused', () => {
  let db: Client;
  beforeEach(async () => {
    db = await createMemoryDatabase();
  });

  it('gives a new user a fresh id after the newest user is deleted', async () => {
    await insertUser(db, 'a@example.com');
    const newest = await insertUser(db, 'b@example.com');
    await db.execute({ sql: 'DELETE FROM users WHERE id = ?', args: [newest] });

    expect(await insertUser(db, 'c@example.com')).toBeGreaterThan(newest);
  });

  it('gives movies, ratings and collections fresh ids after the newest is deleted', async () => {
    const user = await insertUser(db, 'a@example.com');
    const movie = await insertMovie(db, 'One');
    const rating = await insertRating(db, movie, user);
    const collection = await insertCollection(db, user);
    await db.execute({ sql: 'DELETE FROM ratings WHERE id = ?', args: [rating] });
    await db.execute({ sql: 'DELETE FROM collections WHERE id = ?', args: [collection] });
    await db.execute({ sql: 'DELETE FROM movies WHERE id = ?', args: [movie] });

    const nextMovie = await insertMovie(db, 'Two');
    expect(nextMovie).toBeGreaterThan(movie);
    expect(await insertRating(db, nextMovie, user)).toBeGreaterThan(rating);
    expect(await insertCollection(db, user)).toBeGreaterThan(collection);
  });

  it('refuses a rating that names a user who does not exist', async () => {
    const movie = await insertMovie(db, 'One');

    await expect(insertRating(db, movie, 999)).rejects.toThrow(/FOREIGN KEY/);
  });
});

describe('migration 005 on a database holding data at the 004 schema', () => {
  const upTo004 = migrations.slice(0, migrations.findIndex((m) => m.name === '004_collections') + 1);
  let db: Client;
  beforeEach(async () => {
    db = createClient({ url: ':memory:' });
    await db.execute('PRAGMA foreign_keys = ON');
    await migrate(db, upTo004);
    const ann = await insertUser(db, 'ann@example.com');
    const gone = await insertUser(db, 'gone@example.com');
    const movie = await insertMovie(db, 'Amélie');
    await insertMovie(db, 'Heat');
    await insertRating(db, movie, ann);
    await insertRating(db, movie, gone);
    await insertRating(db, movie, null);
    await db.execute({ sql: 'UPDATE movies SET rating_sum = 12, rating_count = 3 WHERE id = ?', args: [movie] });
    const collection = await insertCollection(db, ann);
    await db.execute({
      sql: 'INSERT INTO collection_movies (collection_id, position, movie_id) VALUES (?, 0, ?)',
      args: [collection, movie],
    });
    await db.execute("INSERT INTO refresh_tokens (jti, family, user_id, expires_at) VALUES ('j1', 'f1', 1, 9999999999)");
    // The probe's way in: a user deleted behind the API's back, leaving a rating that names nobody.
    await db.execute({ sql: 'PRAGMA foreign_keys = OFF' });
    await db.execute({ sql: 'DELETE FROM users WHERE id = ?', args: [gone] });
    await db.execute({ sql: 'PRAGMA foreign_keys = ON' });
  });

  it('keeps every row, id and aggregate, and every index and trigger working', async () => {
    await migrate(db);

    expect((await db.execute('SELECT id, email FROM users ORDER BY id')).rows.map((r) => [r.id, r.email])).toEqual([
      [1, 'ann@example.com'],
    ]);
    expect(
      (await db.execute('SELECT id, title, rating_sum, rating_count, rating FROM movies ORDER BY id')).rows.map((r) => ({ ...r })),
    ).toEqual([
      { id: 1, title: 'Amélie', rating_sum: 12, rating_count: 3, rating: 4 },
      { id: 2, title: 'Heat', rating_sum: 0, rating_count: 0, rating: null },
    ]);
    expect((await db.execute('SELECT id, movie_id, value FROM ratings ORDER BY id')).rows).toHaveLength(3);
    expect(
      (await db.execute('SELECT collection_id, movie_id FROM collection_movies')).rows.map((r) => [r.collection_id, r.movie_id]),
    ).toEqual([[1, 1]]);
    expect((await db.execute("SELECT rowid FROM movies_fts WHERE movies_fts MATCH 'amelie'")).rows.map((r) => r.rowid)).toEqual([1]);
    expect(
      (await db.execute("SELECT movie_id FROM movie_genres WHERE genre = 'drama' ORDER BY movie_id")).rows.map((r) => r.movie_id),
    ).toEqual([1, 2]);
    expect((await db.execute('PRAGMA foreign_key_check')).rows).toEqual([]);
    expect((await db.execute('PRAGMA integrity_check')).rows[0]?.integrity_check).toBe('ok');
  });

  it('makes the rating of the vanished user anonymous, so no later account inherits it', async () => {
    await migrate(db);

    expect((await db.execute('SELECT user_id FROM ratings ORDER BY id')).rows.map((r) => r.user_id)).toEqual([1, null, null]);
  });

  it('keeps the triggers of the upgraded tables: a new movie is searchable and its genres listed', async () => {
    await migrate(db);

    const id = await insertMovie(db, 'Ronin');
    expect(id).toBe(3);
    expect((await db.execute("SELECT rowid FROM movies_fts WHERE movies_fts MATCH 'ronin'")).rows.map((r) => r.rowid)).toEqual([id]);
    expect((await db.execute({ sql: 'SELECT genre FROM movie_genres WHERE movie_id = ?', args: [id] })).rows).toHaveLength(1);
  });

  it('never reuses an id after the upgrade, and leaves foreign keys on', async () => {
    await migrate(db);
    await db.execute('DELETE FROM movies WHERE id = 2');

    expect(await insertMovie(db, 'Another')).toBe(3);
    expect((await db.execute('PRAGMA foreign_keys')).rows[0]?.foreign_keys).toBe(1);
  });
});

describe('migration 005 after a later migration has already run (they land in any order)', () => {
  it('carries the columns and triggers 007 (catalogue quality) added to movies and ratings through the rebuild', async () => {
    const db = createClient({ url: ':memory:' });
    await db.execute('PRAGMA foreign_keys = ON');
    const upTo004 = migrations.slice(0, migrations.findIndex((m) => m.name === '004_collections') + 1);
    await migrate(db, [...upTo004, ...migrations.filter((m) => m.name.startsWith('007_'))]);
    const movie = await insertMovie(db, 'Heat');
    await insertRating(db, movie, null);

    await migrate(db);

    const counts = async () =>
      (await db.execute({ sql: 'SELECT rating_count_4 FROM movies WHERE id = ?', args: [movie] })).rows[0]?.rating_count_4;
    expect(await counts()).toBe(1);
    await insertRating(db, movie, null);
    expect(await counts()).toBe(2);
    expect((await db.execute('PRAGMA foreign_key_check')).rows).toEqual([]);
  });
});
