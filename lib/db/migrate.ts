import type { Client } from '@libsql/client';
import { migrations as allMigrations, type Migration } from './migrations';

/**
 * Applies the migrations this database has not seen yet, each in its own write transaction together
 * with its schema_migrations row, so a crash or a concurrent container never applies one twice.
 * Returns the names it applied.
 */
export async function migrate(db: Client, migrations: readonly Migration[] = allMigrations): Promise<string[]> {
  await db.execute(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       name TEXT PRIMARY KEY,
       applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
     )`,
  );
  const applied = new Set(
    (await db.execute('SELECT name FROM schema_migrations')).rows.map((row) => String(row.name)),
  );
  const done: string[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.name)) continue;
    const transaction = await db.transaction('write');
    try {
      // Another container may have applied it while this one waited for the write lock.
      const seen = await transaction.execute({
        sql: 'SELECT 1 FROM schema_migrations WHERE name = ?',
        args: [migration.name],
      });
      if (seen.rows.length === 0) {
        await transaction.executeMultiple(migration.sql);
        await transaction.execute({ sql: 'INSERT INTO schema_migrations (name) VALUES (?)', args: [migration.name] });
        done.push(migration.name);
      }
      await transaction.commit();
    } finally {
      transaction.close();
    }
  }
  return done;
}
