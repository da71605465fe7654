import Database from 'libsql';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../lib/db/client';

/**
 * libsql's driver prepares a statement on every call, and @libsql/client asks it for one on every execute: for a
 * warm getMovie that was a third of its CPU (the request counter's upsert, the movie's read). A local connection keeps
 * what it has prepared. These count the driver's own prepares (the spy sits under the connection's cache).
 */
describe('prepared statements of a local database', () => {
  const prepares = jest.spyOn(Database.prototype, 'prepare');
  const folder = mkdtempSync(join(tmpdir(), 'movies-prepared-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const preparesOf = (sql: string) => prepares.mock.calls.filter(([text]) => text === sql).length;

  it('prepares a statement once per connection, however often it is run', async () => {
    const db = await openDatabase({ url: `file:${join(folder, 'once.db')}` });
    await db.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    const insert = 'INSERT INTO t (v) VALUES (?)';

    for (const value of ['a', 'b', 'c']) await db.execute({ sql: insert, args: [value] });
    await db.batch([{ sql: insert, args: ['d'] }], 'write');

    expect(preparesOf(insert)).toBe(1);
    expect((await db.execute('SELECT count(*) AS n FROM t')).rows[0]?.n).toBe(4);
    db.close();
  });

  it('runs a kept statement again cleanly after it failed, and after the schema under it changed', async () => {
    const db = await openDatabase({ url: ':memory:' });
    await db.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)');
    const insert = 'INSERT INTO t (v) VALUES (?)';
    await db.execute({ sql: insert, args: ['a'] });

    await expect(db.execute({ sql: insert, args: ['a'] })).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' });
    await db.execute({ sql: insert, args: ['b'] });
    await db.execute("ALTER TABLE t ADD COLUMN w TEXT DEFAULT 'x'");
    const after = await db.execute('SELECT * FROM t ORDER BY id');
    await db.execute('SELECT * FROM t ORDER BY id');

    expect(after.columns).toEqual(['id', 'v', 'w']);
    expect(after.rows.map((row) => [row.v, row.w])).toEqual([
      ['a', 'x'],
      ['b', 'x'],
    ]);
    db.close();
  });

  it('keeps a bounded number of statements: SQL written afresh per request (a list of ids) cannot grow it without end', async () => {
    const db = await openDatabase({ url: ':memory:' });
    const distinct = Array.from({ length: 1200 }, (_, i) => `SELECT ${i} AS n`);
    for (const sql of distinct) await db.execute(sql);

    prepares.mockClear();
    await db.execute(distinct.at(-1)!);
    await db.execute(distinct[0]!);

    // The most recent ones are kept; the oldest were let go and are prepared again.
    expect(preparesOf(distinct.at(-1)!)).toBe(0);
    expect(preparesOf(distinct[0]!)).toBe(1);
    db.close();
  });

  // A process-wide patch would reach every libsql connection of the process, ours or not, and sit above or below a
  // test's spy by the order they came in: the statements are kept by the client's own connections instead.
  it("leaves libsql's Database.prototype as it was", async () => {
    const db = await openDatabase({ url: ':memory:' });
    await db.execute('SELECT 1');

    expect(Database.prototype.prepare).toBe(prepares);
    db.close();
  });
});
