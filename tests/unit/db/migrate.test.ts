import { createClient } from '@libsql/client';
import { migrate } from '../../../lib/db/migrate';
import { migrations } from '../../../lib/db/migrations';
import { createTempFileDatabase } from '../../support/database';
import { countingCalls } from '../../../harness/countingCalls';

describe('migrate', () => {
  it('applies every migration once, in order, and records it', async () => {
    const db = createClient({ url: ':memory:' });

    const applied = await migrate(db);

    expect(applied).toEqual(migrations.map((m) => m.name));
    const recorded = await db.execute('SELECT name FROM schema_migrations ORDER BY name');
    expect(recorded.rows.map((r) => r.name)).toEqual(migrations.map((m) => m.name));
  });

  it('applies nothing the second time', async () => {
    const db = createClient({ url: ':memory:' });
    await migrate(db);

    expect(await migrate(db)).toEqual([]);
  });

  it('checks a current schema with one statement (a cold start pays for no more)', async () => {
    const db = createClient({ url: ':memory:' });
    await migrate(db);
    const { client, counted } = countingCalls(db);

    expect(await migrate(client)).toEqual([]);
    expect(counted.calls).toBe(1);
  });

  it('applies what is missing after the latest it knows, and only that', async () => {
    const db = createClient({ url: ':memory:' });
    await migrate(db, [{ name: '001_a', sql: 'CREATE TABLE a (id INTEGER);' }]);

    const applied = await migrate(db, [
      { name: '001_a', sql: 'CREATE TABLE a (id INTEGER);' },
      { name: '002_b', sql: 'CREATE TABLE b (id INTEGER);' },
    ]);

    expect(applied).toEqual(['002_b']);
    expect(
      await migrate(db, [
        { name: '001_a', sql: 'x' },
        { name: '002_b', sql: 'y' },
      ]),
    ).toEqual([]);
  });

  it('lets two containers migrate the same file concurrently without applying anything twice', async () => {
    const file = createTempFileDatabase();
    try {
      const [first, second] = await Promise.all([file.open(), file.open()]);
      const recorded = await first.execute('SELECT count(*) AS n FROM schema_migrations');
      expect(recorded.rows[0]?.n).toBe(migrations.length);
      first.close();
      second.close();
    } finally {
      file.remove();
    }
  });

  it('rolls back a failing migration entirely and leaves it unrecorded', async () => {
    const db = createClient({ url: ':memory:' });
    const broken = [{ name: '999_broken', sql: 'CREATE TABLE half_done (id INTEGER); SELECT * FROM no_such_table;' }];

    await expect(migrate(db, broken)).rejects.toThrow();

    const tables = await db.execute("SELECT name FROM sqlite_master WHERE name = 'half_done'");
    expect(tables.rows).toHaveLength(0);
    const recorded = await db.execute('SELECT count(*) AS n FROM schema_migrations');
    expect(recorded.rows[0]?.n).toBe(0);
  });

  describe('foreign keys, switched off around a migration that must run without them', () => {
    const foreignKeys = async (db: ReturnType<typeof createClient>) =>
      Number((await db.execute('PRAGMA foreign_keys')).rows[0]?.foreign_keys);
    const withoutKeys = { name: '998_rebuild', sql: 'CREATE TABLE rebuilt (id INTEGER);', foreignKeysOff: true };
    const failing = { name: '999_broken', sql: 'SELECT * FROM no_such_table;', foreignKeysOff: true };

    it('turns them back on after it, when they were on', async () => {
      const db = createClient({ url: ':memory:' });
      await db.execute('PRAGMA foreign_keys = ON');

      await migrate(db, [withoutKeys]);

      expect(await foreignKeys(db)).toBe(1);
    });

    it('turns them back on after it failed, when they were on', async () => {
      const db = createClient({ url: ':memory:' });
      await db.execute('PRAGMA foreign_keys = ON');

      await expect(migrate(db, [failing])).rejects.toThrow('no_such_table');

      expect(await foreignKeys(db)).toBe(1);
    });

    it('leaves them off, as it found them, after any migration, applied or failed', async () => {
      const db = createClient({ url: ':memory:' });
      await db.execute('PRAGMA foreign_keys = OFF');

      await migrate(db, [{ name: '997_plain', sql: 'CREATE TABLE plain (id INTEGER);' }, withoutKeys]);
      await expect(migrate(db, [failing])).rejects.toThrow('no_such_table');

      expect(await foreignKeys(db)).toBe(0);
    });
  });

  it('does not build the script of a migration already applied again (building one reads the schema)', async () => {
    const db = createClient({ url: ':memory:' });
    const build = jest.fn(async () => 'CREATE TABLE built (id INTEGER);');
    await migrate(db, [{ name: '998_built', sql: build }]);

    expect(await migrate(db, [{ name: '998_built', sql: build }])).toEqual([]);

    expect(build).toHaveBeenCalledTimes(1);
  });

  // Numbers are handed out per branch ahead of time (this one has 011 and 012, not yet 009 and 010), so a branch may
  // leave gaps; what must hold is that each number is used once and they run in their order.
  it('numbers every migration once, in the order they run', () => {
    const numbers = migrations.map((m) => Number(m.name.slice(0, 3)));

    expect(numbers).toEqual(migrations.map((_, index) => index + 1));
  });

  it('does not rerun a migration a database recorded under the name it had before it was renumbered', async () => {
    const db = createClient({ url: ':memory:' });
    await migrate(db, [{ name: '005_old_name', sql: 'CREATE TABLE once (id INTEGER);' }]);

    const applied = await migrate(db, [{ name: '006_new_name', formerly: '005_old_name', sql: 'CREATE TABLE once (id INTEGER);' }]);

    expect(applied).toEqual([]);
    const recorded = await db.execute('SELECT name FROM schema_migrations ORDER BY name');
    expect(recorded.rows.map((r) => r.name)).toEqual(['005_old_name']);
  });
});
