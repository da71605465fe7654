import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@libsql/client';
import { openDatabase, openMigratedDatabase } from '../../../lib/db/client';
import { createMoviesRepository } from '../../../lib/repositories/moviesRepository';
import { createRatingsRepository } from '../../../lib/repositories/ratingsRepository';
import { startLibsqlServer, type LibsqlServer } from '../../support/libsqlServer';

/**
 * A deployed function reaches its database over HTTP (Turso or a libSQL server) with @libsql/client/web. The
 * loopback server speaks that protocol over a temp file, so the remote path carries real requests here.
 */
describe('the loopback libSQL server (Hrana over HTTP)', () => {
  let folder: string;
  let server: LibsqlServer;
  let remote: Client;

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'libsql-server-'));
    server = await startLibsqlServer({ file: join(folder, 'movies.db') });
    remote = await openMigratedDatabase({ url: server.url });
  });
  afterEach(async () => {
    remote.close();
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('runs every migration through the web client, and stores what the repositories write in the file', async () => {
    const movie = await createMoviesRepository(remote).create({ title: 'Remote', genres: ['Drama'], year: 1999 });
    await createRatingsRepository(remote).insertAnonymous(movie.id, 4);
    await createRatingsRepository(remote).insertAnonymous(movie.id, 5);

    const local = await openDatabase({ url: `file:${join(folder, 'movies.db')}` });
    try {
      expect((await local.execute('SELECT title, rating_sum, rating_count FROM movies WHERE id = ?', [movie.id])).rows[0]).toMatchObject({
        title: 'Remote',
        rating_sum: 9,
        rating_count: 2,
      });
    } finally {
      local.close();
    }
    expect(await createMoviesRepository(remote).findById(movie.id)).toMatchObject({ rating: 4.5, rating_count: 2, genres: ['Drama'] });
  });

  it('carries integers, floats, text, blobs and nulls both ways, and reports changes and the last row id', async () => {
    await remote.execute('CREATE TABLE kinds (id INTEGER PRIMARY KEY, i INTEGER, f REAL, t TEXT, b BLOB, n TEXT)');

    const inserted = await remote.execute({
      sql: 'INSERT INTO kinds (i, f, t, b, n) VALUES (?, ?, ?, ?, ?)',
      args: [42, 2.5, 'é', new Uint8Array([1, 2, 255]), null],
    });
    const read = await remote.execute('SELECT i, f, t, b, n, 2.0 AS whole_float FROM kinds');

    expect(inserted).toMatchObject({ rowsAffected: 1, lastInsertRowid: 1n });
    expect(read.columns).toEqual(['i', 'f', 't', 'b', 'n', 'whole_float']);
    const row = read.rows[0];
    expect([row?.i, row?.f, row?.t, row?.n, row?.whole_float]).toEqual([42, 2.5, 'é', null, 2]);
    expect([...new Uint8Array(row?.b as ArrayBuffer)]).toEqual([1, 2, 255]);
  });

  it('binds named arguments, with or without their prefix', async () => {
    const read = await remote.execute({ sql: 'SELECT :a AS a, @b AS b, $c AS c', args: { a: 1, '@b': 'two', $c: 3.5 } });

    expect(read.rows[0]).toMatchObject({ a: 1, b: 'two', c: 3.5 });
  });

  it("applies a write batch atomically: a failing statement rolls the whole batch back, with SQLite's error code", async () => {
    await remote.execute('CREATE TABLE unique_names (name TEXT PRIMARY KEY)');

    const failing = remote.batch(["INSERT INTO unique_names VALUES ('a')", "INSERT INTO unique_names VALUES ('a')"], 'write');

    await expect(failing).rejects.toMatchObject({ code: expect.stringMatching(/^SQLITE_CONSTRAINT/) });
    expect((await remote.execute('SELECT count(*) AS n FROM unique_names')).rows[0]?.n).toBe(0);
    expect((await remote.batch(["INSERT INTO unique_names VALUES ('b')", 'SELECT name FROM unique_names'], 'write'))[1]?.rows).toEqual([
      expect.objectContaining({ name: 'b' }),
    ]);
  });

  it('counts each HTTP request it serves: one per execute or batch', async () => {
    const before = server.requests;

    await remote.execute('SELECT 1');
    await remote.batch(['SELECT 1', 'SELECT 2'], 'read');

    expect(server.requests - before).toBe(2);
  });
});
