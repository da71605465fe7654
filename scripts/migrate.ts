import { getConfig } from '../lib/config';
import { openDatabase } from '../lib/db/client';
import { migrate } from '../lib/db/migrate';

/** `npm run migrate`: applies pending migrations to DATABASE_URL. */
export async function main(): Promise<void> {
  const { database } = getConfig();
  const db = await openDatabase(database);
  try {
    const applied = await migrate(db);
    console.log(applied.length ? `applied ${applied.join(', ')}` : 'database is up to date');
  } finally {
    db.close();
  }
}
