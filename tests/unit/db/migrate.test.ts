import { createClient } from '@libsql/client';
import { migrate } from '../../../lib/db/migrate';
import { migrations } from '../../../lib/db/migrations';
import { createTempFileDatabase } from '../../support/database';

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
});
