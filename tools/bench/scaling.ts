/**
 * `npm run bench scaling`: many Lambda instances at once against one sqld. N Node processes (1, 2, 4, 8), each with
 * the real functions' bundles and its own client over HTTP (harness/manyInstances.ts), all told to go together,
 * each sending its requests one after another as a Lambda container does: two anonymous ratings of one film for
 * every listing. Prints throughput and latency against N, the machine's load beside them; docs/SCALING.md quotes it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openMigratedDatabase } from '../../lib/db/client';
import { createMoviesRepository } from '../../lib/repositories/moviesRepository';
import { httpEvent } from '../../harness/events';
import { fromAddress, runInstances, step, type InstancePlan } from '../../harness/manyInstances';
import { startSqld } from '../../harness/sqld';
import { bundleFunctions } from './bundle';
import { BENCH_SECRET } from './environment';
import { loadAverages, ms, percentile } from './stats';
import type { BenchRow } from './types';

const INSTANCES = [1, 2, 4, 8];
const REQUESTS_PER_INSTANCE = 150;

function planOf(instance: number, bundles: Record<string, string>, filmId: number): InstancePlan {
  const steps = Array.from({ length: REQUESTS_PER_INSTANCE }, (_, i) =>
    i % 3 === 2
      ? step('listMovies', httpEvent({ path: '/movies/', query: { ordering: '-score' } }))
      : step(
          'createRating',
          // An address per rating: the write limit is not what this measures.
          fromAddress(
            httpEvent({ method: 'POST', path: '/ratings/', body: { movie: filmId, value: 1 + (i % 5) } }),
            `10.${instance}.${i >> 8}.${i & 255}`,
          ),
        ),
  );
  return { bundles, steps };
}

/** One burst of `n` instances against a fresh sqld; answers its row. */
async function burst(n: number, bundles: Record<string, string>): Promise<BenchRow> {
  // As the many-instances test runs it: at sqld's default 128 connections, eight instances wedged its write lock.
  const sqld = await startSqld({ maxConcurrentConnections: 4 });
  try {
    const db = await openMigratedDatabase({ url: sqld.url });
    const movies = createMoviesRepository(db);
    for (let i = 0; i < 20; i++) await movies.create({ title: `Scaling ${i}`, genres: [], year: 2000 + i });
    const film = (await movies.create({ title: 'Everyone rates this', genres: [] })).id;
    const loadBefore = loadAverages();
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: sqld.url,
      JWT_SECRET: BENCH_SECRET,
      LOG_LEVEL: 'SILENT',
      WRITE_RATE_PER_MINUTE: '1000000',
    };
    let run;
    try {
      run = await runInstances(
        Array.from({ length: n }, (_, i) => planOf(i, bundles, film)),
        env,
        { timeoutMs: 120_000 },
      );
    } catch (error) {
      return {
        scenario: `${n} instances at once`,
        figure: `did not finish: ${String(error).split('\n')[0]}`,
        target: 'no 5xx, exact',
        met: false,
      };
    }
    const all = run.answers.flat();
    const sorted = Float64Array.from(all.map((a) => a.ms)).sort();
    const writes = Float64Array.from(all.filter((a) => a.fn === 'createRating').map((a) => a.ms)).sort();
    const errors = all.filter((a) => a.status >= 500).length;
    const stored = Number((await db.execute({ sql: 'SELECT rating_count FROM movies WHERE id = ?', args: [film] })).rows[0]!.rating_count);
    const rated = all.filter((a) => a.fn === 'createRating' && a.status === 201).length;
    db.close();
    const perSecond = (all.length / run.wallMs) * 1000;
    return {
      scenario: `${n} instance${n > 1 ? 's' : ''} at once, ${all.length} requests`,
      figure: `${perSecond.toFixed(0)} req/s; p50 ${ms(percentile(sorted, 50))} ms, p99 ${ms(percentile(sorted, 99))} ms (ratings p99 ${ms(percentile(writes, 99))} ms); ${errors} × 5xx; load ${loadBefore} → ${loadAverages()}`,
      target: 'no 5xx, rating count exact',
      met: errors === 0 && stored === rated,
    };
  } finally {
    await sqld.close();
  }
}

export async function benchScaling(root: string, record: (row: BenchRow) => void): Promise<void> {
  const folder = mkdtempSync(join(root, '.build', 'scaling-'));
  try {
    const bundles = await bundleFunctions(
      root,
      { createRating: 'functions/ratings/createRating.ts', listMovies: 'functions/movies/listMovies.ts' },
      folder,
    );
    for (const n of INSTANCES) record(await burst(n, bundles));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
