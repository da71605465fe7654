import type { Client } from '@libsql/client';
import { migrations as allMigrations, type Migration } from './migrations';

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

async function appliedNames(db: Client): Promise<Set<string>> {
  const result = await db.execute('SELECT name FROM schema_migrations');
  return new Set(result.rows.map((row) => String(row.name)));
}

/**
 * Applies the migrations this database has not seen yet. Each one runs as a single script inside
 * BEGIN IMMEDIATE … COMMIT that first records its own name: a concurrent container that got there
 * first makes that insert fail, and the whole script rolls back. One script, not an interactive
 * transaction, because libSQL's embedded driver is synchronous: a transaction held across an await
 * would deadlock against another connection in the same process waiting on the busy timeout.
 * Returns the names it applied.
 */
export async function migrate(db: Client, migrations: readonly Migration[] = allMigrations): Promise<string[]> {
  await db.execute(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       name TEXT PRIMARY KEY,
       applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
     )`,
  );
  const applied = await appliedNames(db);
  const done: string[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.name)) continue;
    try {
      await db.executeMultiple(
        `BEGIN IMMEDIATE;
         INSERT INTO schema_migrations (name) VALUES (${quote(migration.name)});
         ${migration.sql}
         ;COMMIT;`,
      );
      done.push(migration.name);
    } catch (error) {
      await db.execute('ROLLBACK').catch(() => undefined); // nothing to roll back if BEGIN itself failed
      if (!(await appliedNames(db)).has(migration.name)) throw error;
      // another container applied it while this one waited for the write lock
    }
  }
  return done;
}
