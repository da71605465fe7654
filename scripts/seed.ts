import { openServices, type Services } from '../lib/container';
import { bundledMoviesDataset, importMovies, readDataset, type ImportSummary } from './movieImport';
import type { Print } from './print';
import { refreshScoresOf } from './refreshScores';

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
export async function importFilms(
  { catalogue }: Pick<Services, 'catalogue'>,
  print: Print,
  file = bundledMoviesDataset(),
): Promise<ImportSummary> {
  const summary = await importMovies(readDataset(file), {
    catalogue,
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
  const { services, close } = await openServices();
  try {
    const print: Print = (line) => console.log(line);
    await importFilms(services, print, file);
    await refreshScoresOf(services, print);
  } finally {
    close();
  }
}
