import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { BENCH_SECRET } from './environment';

/**
 * Where a first invocation's milliseconds go, from performance.now() marks in a fresh process: each step the
 * container takes on the first call (lib/container.ts buildContainer), in the order it takes them, then the route's
 * own first call on the built container, then a second call for comparison. Run in the process this script spawns:
 * `node scripts/run.mjs tools/bench/firstCallPhases.ts <file database url> [runs]` prints the fastest of each.
 */
async function phasesOnce(databaseUrl: string): Promise<Record<string, number>> {
  const marks: Record<string, number> = {};
  let last = performance.now();
  const mark = (name: string) => {
    const now = performance.now();
    marks[name] = now - last;
    last = now;
  };
  process.env.DATABASE_URL = databaseUrl;
  const { getConfig } = await import('../../lib/config');
  const { getLogger } = await import('../../lib/logger');
  const { openDatabase } = await import('../../lib/db/client');
  const { migrate } = await import('../../lib/db/migrate');
  const { createServices } = await import('../../lib/container');
  const { createHttpHandler } = await import('../../lib/http/createHttpHandler');
  const { getMovieRoute } = await import('../../lib/schemas/routes/movies');
  const { getMovie } = await import('../../functions/movies/getMovie');
  const { httpEvent, lambdaContext } = await import('../../harness/events');
  const { createFactsSummaryGenerator } = await import('../../lib/llm/factsSummaryGenerator');
  mark('modules (already bundled: evaluation only)');
  const config = getConfig();
  mark('configuration (zod parse of the environment)');
  const logger = getLogger();
  mark('logger');
  const db = await openDatabase(config.database);
  mark('database: native driver, connection and its pragmas');
  await migrate(db);
  mark('migration check (schema current)');
  const services = createServices({ config, db, logger, generator: createFactsSummaryGenerator() });
  mark('services wired (each built on first use)');
  const handler = createHttpHandler(getMovieRoute, getMovie, async () => services);
  mark('HTTP stack built');
  if (process.env.PHASES_DETAIL === '1') {
    getMovieRoute.params.parse({ id: '1' });
    mark('detail: first zod parse of the path parameters');
    await services.requestCount.count();
    mark('detail: first request-counter write');
    const movie = await services.movies.get(1);
    mark('detail: first movie read (statement prepared)');
    await services.summaries.withSummary(movie);
    mark('detail: summaries service built, stored summary read');
    getMovieRoute.response.schema.parse(JSON.parse(JSON.stringify(movie)));
    mark('detail: first zod parse of a Movie');
  }
  const event = httpEvent({ path: '/movies/1/', pathParameters: { id: '1' } });
  await handler(event, lambdaContext());
  mark('getMovie first call on the built container (services built, statements prepared)');
  await handler(httpEvent({ path: '/movies/1/', pathParameters: { id: '1' } }), lambdaContext());
  mark('getMovie second call');
  db.close();
  return marks;
}

export async function main([databaseUrl, runs = '5', child]: string[] = []): Promise<void> {
  if (!databaseUrl) throw new Error('usage: firstCallPhases.ts <file: database url> [runs]');
  if (child === 'child') {
    process.stdout.write(JSON.stringify(await phasesOnce(databaseUrl)));
    return;
  }
  const all: Record<string, number>[] = [];
  for (let i = 0; i < Number(runs); i++) {
    const out = execFileSync(process.execPath, ['scripts/run.mjs', 'tools/bench/firstCallPhases.ts', databaseUrl, runs, 'child'], {
      env: { ...process.env, LOG_LEVEL: 'SILENT', NODE_ENV: 'production', JWT_SECRET: BENCH_SECRET },
    });
    all.push(JSON.parse(out.toString()) as Record<string, number>);
  }
  for (const name of Object.keys(all[0]!)) {
    console.log(
      `${Math.min(...all.map((run) => run[name]!))
        .toFixed(2)
        .padStart(8)} ms  ${name}`,
    );
  }
}
