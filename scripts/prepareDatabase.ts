import { getConfig } from '../lib/config';
import { createServices } from '../lib/container';
import { openMigratedDatabase } from '../lib/db/client';
import { getSummaryGenerator } from '../lib/llm';
import { getLogger } from '../lib/logger';

/** Run by `npm start` before the API comes up: the database is migrated and the configured admin ensured. */
export async function main(): Promise<void> {
  const config = getConfig();
  const db = await openMigratedDatabase(config.database);
  try {
    if (config.auth.admin) {
      await createServices({ config, db, logger: getLogger(), generator: getSummaryGenerator() }).auth.ensureAdmin(config.auth.admin);
      console.log(`admin ${config.auth.admin.email} ensured`);
    }
  } finally {
    db.close();
  }
}
