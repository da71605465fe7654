import type { Client } from '@libsql/client';
import { getConfig } from '../lib/config';
import { openMigratedDatabase } from '../lib/db/client';
import { createMoviesRepository } from '../lib/repositories/moviesRepository';
import { refreshScoresOf } from './refreshScores';
import { bundledMoviesDataset, importMovies, readDataset, type ImportSummary } from '../lib/services/movieImport';

export type Print = (line: string) => void;

export function describeImport(summary: ImportSummary): string {
  // Most frequent reason first, so the line reads the same on every run.
  const reasons = Object.entries(summary.skippedBy)
    .sort(([a, m], [b, n]) => n - m || a.localeCompare(b))
    .map(([reason, n]) => `${reason} ${n}`);
  return (
    `imported ${summary.imported} films, skipped ${summary.skipped} invalid rows${reasons.length ? ` (${reasons.join(', ')})` : ''}, ` +
    `${summary.alreadyPresent} already present, ${summary.filledIn} filled in, in ${summary.durationMs} ms`
  );
}

/** Imports a dataset file (by default vega-datasets' movies.json), printing a progress line per batch and a summary. */
export async function importFilms(db: Client, print: Print, file = bundledMoviesDataset()): Promise<ImportSummary> {
  const summary = await importMovies(readDataset(file), {
    movies: createMoviesRepository(db),
    onProgress: ({ done, total, imported }) => print(`importing films: ${done}/${total} rows read, ${imported} imported`),
  });
  print(describeImport(summary));
  return summary;
}

/**
 * `npm run seed [file.json]`: imports the film dataset into DATABASE_URL; on a database that holds the films
 * already it fills in their facts (director, running time, external ratings), and a second run changes nothing.
 */
export async function main([file]: string[]): Promise<void> {
  const config = getConfig();
  const db = await openMigratedDatabase(config.database);
  try {
    const print: Print = (line) => console.log(line);
    await importFilms(db, print, file);
    // Unrated films rank by their IMDb figures, whose mean the refresh recomputes.
    await refreshScoresOf(db, config.scoreMinVotes, print);
  } finally {
    db.close();
  }
}
