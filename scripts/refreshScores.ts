import type { Client } from '@libsql/client';
import { getConfig } from '../lib/config';
import { openMigratedDatabase } from '../lib/db/client';
import { createMoviesRepository } from '../lib/repositories/moviesRepository';
import { refreshCatalogueScores } from '../lib/services/catalogueScores';
import type { Print } from './seed';

/** Recomputes C and every score, and says what it found. */
export async function refreshScoresOf(db: Client, minVotes: number, print: Print): Promise<void> {
  const { ratingMean, changed } = await refreshCatalogueScores({ movies: createMoviesRepository(db), minVotes });
  const mean = ratingMean === null ? 'none yet' : ratingMean.toFixed(2);
  print(`catalogue scores refreshed: mean rating ${mean} (m = ${minVotes}), ${changed} scores changed`);
}

/** `npm run refresh-scores`: what the scheduled refreshScores function does, against DATABASE_URL. */
export async function main(): Promise<void> {
  const config = getConfig();
  const db = await openMigratedDatabase(config.database);
  try {
    await refreshScoresOf(db, config.scoreMinVotes, (line) => console.log(line));
  } finally {
    db.close();
  }
}
