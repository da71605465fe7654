import type { Client } from '@libsql/client';
import { rebuildTablesScript } from '../rebuildTables';
import sessions from './005_ids_never_reused.sql';

const autoincrementId = (sql: string) =>
  sql.replace(/\bid INTEGER PRIMARY KEY\b(?!\s+AUTOINCREMENT)/i, 'id INTEGER PRIMARY KEY AUTOINCREMENT');

/**
 * Ids are never reused: a plain INTEGER PRIMARY KEY hands the id of a deleted newest row to the next
 * insert, so a deleted user's token, links and ratings would pass to a stranger. AUTOINCREMENT needs the
 * table made again (SQLite cannot alter a key), which is done from each table's own stored schema.
 * ratings.user_id gains its foreign key (without a cascade: deleting an account must take its ratings
 * out of the movies' aggregates first); a rating that names a user who no longer exists becomes anonymous,
 * keeping the movie's aggregates as they are.
 */
export async function idsNeverReused(db: Client): Promise<string> {
  const rebuild = await rebuildTablesScript(db, [
    { table: 'users', rewrite: autoincrementId },
    { table: 'movies', rewrite: autoincrementId },
    {
      table: 'ratings',
      rewrite: (sql) => autoincrementId(sql).replace(/\buser_id INTEGER,/i, 'user_id INTEGER REFERENCES users (id),'),
      copyAs: { user_id: 'CASE WHEN user_id IN (SELECT id FROM users) THEN user_id END' },
    },
    { table: 'collections', rewrite: autoincrementId },
  ]);
  return `${rebuild}\n${sessions}`;
}
