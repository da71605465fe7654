import type { Client } from '@libsql/client';
import { migrations as allMigrations, type Migration } from './migrations';
import { SQL_NOW } from './sql';

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

async function appliedNames(db: Client): Promise<Set<string>> {
  const result = await db.execute('SELECT name FROM schema_migrations');
  return new Set(result.rows.map((row) => String(row.name)));
}

async function foreignKeysOn(db: Client): Promise<boolean> {
  const result = await db.execute('PRAGMA foreign_keys');
  // Stryker disable next-line OptionalChaining: equivalent: PRAGMA foreign_keys always answers one row
  return Number(result.rows[0]?.foreign_keys) === 1;
}

/**
 * Applies the migrations this database has not seen yet. Each one runs as a single script inside
 * BEGIN IMMEDIATE … COMMIT that first records its own name: a concurrent container that got there
 * first makes that insert fail, and the whole script rolls back. One script, not an interactive
 * transaction, because libSQL's embedded driver is synchronous: a transaction held across an await
 * would deadlock against another connection in the same process waiting on the busy timeout.
 * Returns the names it applied.
 */
/**
 * Whether the newest migration is recorded, in one statement: migrations run in order and each records itself in its
 * own script, so a database holding the newest holds them all. False as well before schema_migrations exists.
 */
async function isCurrent(db: Client, migrations: readonly Migration[]): Promise<boolean> {
  const newest = migrations.at(-1);
  if (!newest) return true;
  try {
    const names = [newest.name, newest.formerly ?? newest.name];
    const result = await db.execute({ sql: 'SELECT 1 FROM schema_migrations WHERE name IN (?, ?)', args: names });
    return result.rows.length > 0;
  } catch {
    return false; // no schema_migrations yet: a new database
  }
}

export async function migrate(db: Client, migrations: readonly Migration[] = allMigrations): Promise<string[]> {
  // Every cold start checks; only a database behind pays for the rest.
  if (await isCurrent(db, migrations)) return [];
  await db.execute(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       name TEXT PRIMARY KEY,
       applied_at TEXT NOT NULL DEFAULT (${SQL_NOW})
     )`,
  );
  const applied = await appliedNames(db);
  const done: string[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.name) || (migration.formerly !== undefined && applied.has(migration.formerly))) continue;
    // PRAGMA foreign_keys is ignored inside a transaction, so it is switched around it, and back as it was.
    const foreignKeysWereOn = migration.foreignKeysOff === true && (await foreignKeysOn(db));
    try {
      // Built inside the try: a script read from a schema another container has just migrated may not fit it.
      const sql = typeof migration.sql === 'string' ? migration.sql : await migration.sql(db);
      await db.executeMultiple(
        `${migration.foreignKeysOff ? 'PRAGMA foreign_keys = OFF;' : ''}
         BEGIN IMMEDIATE;
         INSERT INTO schema_migrations (name) VALUES (${quote(migration.name)});
         ${sql}
         ;COMMIT;
         ${foreignKeysWereOn ? 'PRAGMA foreign_keys = ON;' : ''}`,
      );
      done.push(migration.name);
    } catch (error) {
      // Both drivers used here also discard what a failed script left open (the embedded one when it frees the
      // connection, HTTP when the stream ends); a WebSocket client's stream outlives the script, and needs this.
      // Stryker disable next-line StringLiteral: equivalent on the embedded and HTTP drivers, the only ones tests speak
      await db.execute('ROLLBACK').catch(() => undefined); // nothing to roll back if BEGIN itself failed
      if (foreignKeysWereOn) await db.execute('PRAGMA foreign_keys = ON');
      if (!(await appliedNames(db)).has(migration.name)) throw error;
      // another container applied it while this one waited for the write lock
    }
  }
  return done;
}
