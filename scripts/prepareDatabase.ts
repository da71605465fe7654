import { getConfig, type Config } from '../lib/config';
import { openMigratedDatabase } from '../lib/db/client';
import { createMoviesRepository } from '../lib/repositories/moviesRepository';
import { importFilms, type Print } from './seed';

/** Migrates the database, then imports the film dataset if it holds no movie yet (unless SEED_DATA=false). */
export async function prepareDatabase(config: Config, print: Print): Promise<void> {
  const db = await openMigratedDatabase(config.database);
  try {
    if (!config.seedData) {
      print('SEED_DATA=false: the film dataset is not imported');
    } else if (!(await createMoviesRepository(db).isEmpty())) {
      print('the database already holds movies: the film dataset is not imported');
    } else {
      await importFilms(db, print);
    }
  } finally {
    db.close();
  }
}

/** Run by `npm start` before the API comes up: the database is migrated and, when empty, filled. */
export async function main(): Promise<void> {
  await prepareDatabase(getConfig(), (line) => console.log(line));
}
