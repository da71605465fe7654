import { getConfig, type Config } from '../lib/config';
import { createServices } from '../lib/container';
import { openMigratedDatabase } from '../lib/db/client';
import { createSummaryGenerator } from '../lib/llm';
import { createLogger } from '../lib/logger';
import { createMoviesRepository } from '../lib/repositories/moviesRepository';
import { refreshScoresOf } from './refreshScores';
import { importFilms, type Print } from './seed';

/**
 * Migrates the database, ensures the configured admin, imports the film dataset if the database holds no
 * movie yet (unless SEED_DATA=false), then refreshes C and every score.
 */
export async function prepareDatabase(config: Config, print: Print): Promise<void> {
  const db = await openMigratedDatabase(config.database);
  try {
    if (config.auth.admin) {
      const services = createServices({ config, db, logger: createLogger(config.logLevel), generator: createSummaryGenerator(config.llm) });
      await services.auth.ensureAdmin(config.auth.admin);
      print(`admin ${config.auth.admin.email} ensured`);
    }
    if (!config.seedData) {
      print('SEED_DATA=false: the film dataset is not imported');
    } else if (!(await createMoviesRepository(db).isEmpty())) {
      print('the database already holds movies: the film dataset is not imported');
    } else {
      await importFilms(db, print);
    }
    // Deployed, a schedule does this every few minutes; serverless-offline runs no schedules, so a start does it.
    await refreshScoresOf(db, config.scoreMinVotes, print);
  } finally {
    db.close();
  }
}

/** Run by `npm start` before the API comes up: the database is migrated, the admin ensured and, when empty, filled. */
export async function main(): Promise<void> {
  await prepareDatabase(getConfig(), (line) => console.log(line));
}
