import { getConfig, type Config } from '../lib/config';
import { openServices } from '../lib/container';
import { createLogger } from '../lib/logger';
import { refreshScoresOf } from './refreshScores';
import type { Print } from './print';
import { importFilms } from './seed';

/**
 * Migrates the database, ensures the configured admin, imports the film dataset if the database holds no
 * movie yet (unless SEED_DATA=false), then refreshes C and every score.
 */
export async function prepareDatabase(config: Config, print: Print): Promise<void> {
  const { services, close } = await openServices(config, createLogger(config.logLevel));
  try {
    if (config.auth.admin) {
      await services.auth.ensureAdmin(config.auth.admin);
      print(`admin ${config.auth.admin.email} ensured`);
    }
    if (!config.seedData) {
      print('SEED_DATA=false: the film dataset is not imported');
    } else if (!(await services.catalogue.isEmpty())) {
      print('the database already holds movies: the film dataset is not imported');
    } else {
      await importFilms(services, print);
    }
    // Deployed, a schedule does this every few minutes, and serverless-offline runs the same schedule while it serves;
    // a start does it once first, so the scores are fair from the first request.
    await refreshScoresOf(services, print);
  } finally {
    close();
  }
}

/** Run by `npm start` before the API comes up: the database is migrated, the admin ensured and, when empty, filled. */
export async function main(): Promise<void> {
  await prepareDatabase(getConfig(), (line) => console.log(line));
}
