import { getConfig } from '../lib/config';
import { openMigratedDatabase } from '../lib/db/client';

/** Run by `npm start` before the API comes up: the database is migrated, then ready. */
export async function main(): Promise<void> {
  const db = await openMigratedDatabase(getConfig().database);
  db.close();
}
