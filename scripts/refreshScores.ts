import { openServices, type Services } from '../lib/container';
import type { Print } from './print';

/** Recomputes C and every score, and says what it found. */
export async function refreshScoresOf({ catalogue, config }: Pick<Services, 'catalogue' | 'config'>, print: Print): Promise<void> {
  const { ratingMean, changed } = await catalogue.refreshScores();
  const mean = ratingMean === null ? 'none yet' : ratingMean.toFixed(2);
  print(`catalogue scores refreshed: mean rating ${mean} (m = ${config.scoreMinVotes}), ${changed} scores changed`);
}

/** `npm run refresh-scores`: what the scheduled refreshScores function does, against DATABASE_URL. */
export async function main(): Promise<void> {
  const { services, close } = await openServices();
  try {
    await refreshScoresOf(services, (line) => console.log(line));
  } finally {
    close();
  }
}
