/**
 * A one-off measurement of the catalogue, outside `npm test` and `npm run bench`:
 *   node scripts/run.mjs tools/bench/measureCatalogue.ts
 * Imports the whole film dataset into a fresh file database and times it (reading the file included), then
 * times 1,000 title searches of common words over it (first page of 20, by title), through the repository and
 * through the warm listMovies handler with the whole shared stack (validation, ETag, request counter).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { listMovies } from '../../functions/movies/listMovies';
import { parseConfig } from '../../lib/config';
import { createServices } from '../../lib/container';
import { openMigratedDatabase } from '../../lib/db/client';
import { createHttpHandler } from '../../lib/http/createHttpHandler';
import { createFactsSummaryGenerator } from '../../lib/llm/factsSummaryGenerator';
import { createLogger } from '../../lib/logger';
import { listMoviesRoute } from '../../lib/schemas/routes/movies';
import { bundledMoviesDataset, importMovies, readDataset } from '../../scripts/movieImport';
import { createMovieSearchRepository } from '../../lib/repositories/movieSearchRepository';
import { httpEvent, lambdaContext } from '../../harness/events';
import { SEARCH_WORDS, searchWord } from './searchWords';
import { ms, time } from './stats';

const SEARCHES = 1000;

export async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'movies-measure-'));
  const url = `file:${join(folder, 'catalogue.db')}`;
  const db = await openMigratedDatabase({ url });
  try {
    const services = createServices({
      config: parseConfig({ DATABASE_URL: url, LOG_LEVEL: 'SILENT' }),
      db,
      logger: createLogger('SILENT'),
      generator: createFactsSummaryGenerator(),
    });

    const started = performance.now();
    const summary = await importMovies(readDataset(bundledMoviesDataset()), { catalogue: services.catalogue });
    const importMs = performance.now() - started;
    console.log(`import: ${summary.imported} films (${summary.skipped} rows skipped) in ${ms(importMs)} ms, reading the file included`);

    // The repository's own query, as the floor the handler is measured against.
    const searchRepository = createMovieSearchRepository(db);
    const counts = await Promise.all(
      SEARCH_WORDS.map(async (word) => (await searchRepository.list({ offset: 0, limit: 20, search: word })).count),
    );
    console.log(`matches per word: ${SEARCH_WORDS.map((word, i) => `${word} ${counts[i]}`).join(', ')}`);

    const repository = await time((i) => searchRepository.list({ offset: 0, limit: 20, search: searchWord(i) }), SEARCHES);
    console.log(`search through the repository: p50 ${ms(repository.p50)} ms, p99 ${ms(repository.p99)} ms (n ${repository.n})`);

    const handler = createHttpHandler(listMoviesRoute, listMovies, async () => services);
    const viaHandler = await time(async (i) => {
      const result = await handler(httpEvent({ path: '/movies/', query: { search: searchWord(i) } }), lambdaContext(), {
        signal: new AbortController().signal,
      });
      if (result?.statusCode !== 200) throw new Error(`listMovies answered ${result?.statusCode}`);
    }, SEARCHES);
    console.log(
      `search through the warm listMovies handler: p50 ${ms(viaHandler.p50)} ms, p99 ${ms(viaHandler.p99)} ms (n ${viaHandler.n})`,
    );
  } finally {
    db.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
