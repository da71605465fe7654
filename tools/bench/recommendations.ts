/**
 * Issue 20's scenarios of `npm run bench`: recommendations for a user with 200 ratings, in a catalogue of 100,000 films
 * holding 1,000 ratings and then 1,000,000 (the same user and neighbourhood in both, so any difference is growth);
 * and `GET /movies/?ids=` with 100 ids. Each database is built with set-based SQL inside one transaction.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Client } from '@libsql/client';
import { parseConfig } from '../../lib/config';
import { createServices, type Services } from '../../lib/container';
import { openMigratedDatabase } from '../../lib/db/client';
import { createHttpHandler } from '../../lib/http/createHttpHandler';
import { createMovieSearchRepository } from '../../lib/repositories/movieSearchRepository';
import { createRecommendationsRepository } from '../../lib/repositories/recommendationsRepository';
import { createRequestCountRepository } from '../../lib/repositories/requestCountRepository';
import { listMoviesRoute } from '../../lib/schemas/routes/movies';
import { listRecommendationsRoute } from '../../lib/schemas/routes/recommendations';
import { REQUEST_COUNT_SHARDS } from '../../lib/services/requestCountService';
import { listMovies } from '../../functions/movies/listMovies';
import { listRecommendations } from '../../functions/recommendations/listRecommendations';
import { httpEvent, lambdaContext } from '../../harness/events';
import { silentLogger } from './silentLogger';
import { ms, timeAgainstFloor, type Timing } from './stats';
import type { BenchRow } from './types';
import { BENCH_SECRET } from './environment';

const FILMS = 100_000;
/** The caller's ratings: 200 films, values 5, 4, 3, 2, 1 in turn (80 likes). */
const CALLER_RATINGS = 200;
/** Neighbours: each likes 2 of the caller's 10 most recent likes and 18 other films (800 ratings, every bound met). */
const NEIGHBOURS = 40;
const NEIGHBOUR_LIKES = 20;
/** The big catalogue's other raters: about 200 ratings each, spread over every film. */
const BACKGROUND_USERS = 5000;
const PASSWORD = 'bench-password-1';

const counting = (n: number) => `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${n})`;
/** A timestamp i seconds into 2025, so "most recent" orders follow i. */
const at = (seconds: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', '+' || (${seconds}) || ' seconds')`;

type Invocable = ReturnType<typeof createHttpHandler>;
const call = async (handler: Invocable, event: ReturnType<typeof httpEvent>, expected: number) => {
  const result = (await handler(event, lambdaContext(), { signal: new AbortController().signal } as never)) as {
    statusCode: number;
    body?: string;
  };
  if (result.statusCode !== expected) throw new Error(`expected ${expected}, got ${result.statusCode}: ${result.body}`);
  return result;
};

/** The caller's k-th film (k from 0) and the value it gets: 5, 4, 3, 2, 1 in turn, the later the more recent. */
const callerFilm = (k: number) => k * 7;
const callerValue = (k: number) => 5 - (k % 5);
/** The caller's 10 most recent likes (k of the films rated 4-5, newest first), which the neighbours like too. */
const RECENT = Array.from({ length: CALLER_RATINGS }, (_, k) => k)
  .filter((k) => callerValue(k) >= 4)
  .reverse()
  .slice(0, 10)
  .map(callerFilm);

/**
 * 100,000 films (8 genres), the caller's 200 ratings and 800 by NEIGHBOURS (each likes 2 of the caller's 10 recent
 * likes, 8 likers each, then 18 films of their own, all newer than anything else); with `background`, that many more
 * ratings by BACKGROUND_USERS older raters, 200 consecutive each, over every film (the caller's included).
 * Aggregates made exact afterwards; each step set-based, inside one transaction.
 */
async function buildWorld(db: Client, callerId: number, background: number): Promise<{ firstFilm: number }> {
  const genres = JSON.stringify(['Drama', 'Comedy', 'Action', 'Thriller', 'Horror', 'Romance', 'Documentary', 'Adventure']);
  const firstFilm = Number((await db.execute('SELECT coalesce(max(id), 0) + 1 AS id FROM movies')).rows[0]!.id);
  const raters = NEIGHBOURS + (background ? BACKGROUND_USERS : 0);
  await db.batch(
    [
      `${counting(FILMS)} INSERT INTO movies (title, genres, year, summary, summary_source)
       SELECT 'Synthetic film ' || i, json_array(json_extract('${genres}', '$[' || (i % 8) || ']')), 1900 + i % 125, 'Stored.', 'facts' FROM n`,
      `${counting(raters)} INSERT INTO users (email, username, password_hash) SELECT 'rater' || i || '@bench.example.com', 'rater ' || i, 'x' FROM n`,
    ],
    'write',
  );
  const firstRater = Number((await db.execute("SELECT min(id) AS id FROM users WHERE email LIKE 'rater%'")).rows[0]!.id);
  const film = (expression: string) => `${firstFilm} + ((${expression}) % ${FILMS})`;
  const statements = [
    `${counting(CALLER_RATINGS)} INSERT INTO ratings (movie_id, user_id, value, created_at, updated_at)
     SELECT ${film('(i - 1) * 7')}, ${callerId}, 5 - ((i - 1) % 5), ${at('1000000 + i')}, ${at('1000000 + i')} FROM n`,
    `${counting(NEIGHBOURS * NEIGHBOUR_LIKES)} INSERT INTO ratings (movie_id, user_id, value, created_at, updated_at)
     SELECT CASE WHEN (i - 1) % ${NEIGHBOUR_LIKES} < 2
                 THEN ${film(`json_extract('${JSON.stringify(RECENT)}', '$[' || ((((i - 1) / ${NEIGHBOUR_LIKES}) * 2 + (i - 1) % ${NEIGHBOUR_LIKES}) % 10) || ']')`)}
                 ELSE ${film('50000 + i * 13')} END,
            ${firstRater} + (i - 1) / ${NEIGHBOUR_LIKES}, 4 + i % 2, ${at('2000000 + i')}, ${at('2000000 + i')}
     FROM n`,
  ];
  if (background) {
    statements.push(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${background - 1})
       INSERT OR IGNORE INTO ratings (movie_id, user_id, value, created_at, updated_at)
       SELECT ${film('i * 104729')}, ${firstRater + NEIGHBOURS} + (i / 200) % ${BACKGROUND_USERS}, 1 + (i * 31) % 5,
              ${at('i % 900000')}, ${at('i % 900000')}
       FROM n`,
    );
  }
  statements.push(
    `UPDATE movies SET rating_sum = r.s, rating_count = r.c
     FROM (SELECT movie_id, sum(value) AS s, count(*) AS c FROM ratings GROUP BY movie_id) AS r WHERE movies.id = r.movie_id`,
  );
  await db.batch(statements, 'write');
  return { firstFilm };
}

interface World {
  ratings: number;
  services: Services;
  db: Client;
  callerId: number;
  headers: Record<string, string>;
  firstFilm: number;
}

async function openWorld(work: string, background: number): Promise<World> {
  const url = `file:${join(work, `recommendations-${background}.db`)}`;
  const config = parseConfig({
    NODE_ENV: 'production',
    JWT_SECRET: BENCH_SECRET,
    DATABASE_URL: url,
    LOG_LEVEL: 'SILENT',
    SCORE_MIN_VOTES: '10',
  });
  const db = await openMigratedDatabase({ url });
  const generator = { generate: () => Promise.reject(new Error('no LLM in this bench')) };
  const services = createServices({ config, db, logger: silentLogger(), generator });
  const caller = await services.auth.createAccount({ email: 'caller@bench.example.com', password: PASSWORD });
  const started = performance.now();
  const { firstFilm } = await buildWorld(db, caller.id, background);
  await services.catalogue.refreshScores();
  const ratings = Number((await db.execute('SELECT count(*) AS n FROM ratings')).rows[0]!.n);
  console.log(
    `${FILMS.toLocaleString('en')} films and ${ratings.toLocaleString('en')} ratings in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const tokens = await services.auth.signIn('caller@bench.example.com', PASSWORD);
  return { ratings, services, db, callerId: caller.id, headers: { authorization: `Bearer ${tokens.access_token}` }, firstFilm };
}

const timingText = (t: Timing) => `p50 ${ms(t.p50)} ms, p99 ${ms(t.p99)} ms`;

/**
 * This process's CPU per call (user + system), over `calls` calls: on a machine shared with other work, wall time
 * waits for a core, CPU time does not, so it is shown beside the p50.
 */
async function cpuPerCall(work: (i: number) => Promise<unknown>, calls: number): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < calls; i++) await work(i);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / calls;
}

export async function benchRecommendations(record: (row: BenchRow) => void, { calls = 2000 }: { calls?: number } = {}): Promise<void> {
  console.log('');
  const work = mkdtempSync(join(tmpdir(), 'movies-bench-recommendations-'));
  const worlds: World[] = [];
  try {
    worlds.push(await openWorld(work, 0));
    worlds.push(await openWorld(work, 1_000_000 - CALLER_RATINGS - NEIGHBOURS * NEIGHBOUR_LIKES));
    const timings: Timing[] = [];
    for (const world of worlds) {
      const { services, db, callerId, headers } = world;
      const handler = createHttpHandler(listRecommendationsRoute, listRecommendations, async () => services);
      const repository = createRecommendationsRepository(db);
      const counter = createRequestCountRepository(db);
      const event = httpEvent({ path: '/users/me/recommendations/', headers });
      const first = JSON.parse((await call(handler, event, 200)).body!) as { results: { because: number[] }[] };
      const reasoned = first.results.filter(({ because }) => because.length > 0).length;
      const timing = await timeAgainstFloor(
        () => call(handler, event, 200),
        // The floor: the route's read beside the request counter's write, as the stack sends them.
        () => Promise.all([counter.increment(Math.floor(Math.random() * REQUEST_COUNT_SHARDS)), repository.recommendFor(callerId, 20)]),
        calls,
      );
      timings.push(timing.subject);
      const cpu = await cpuPerCall(() => call(handler, event, 200), 200);
      record({
        scenario: `recommendations, 200 ratings of yours, ${world.ratings.toLocaleString('en')} ratings`,
        figure: `${timingText(timing.subject)}; CPU ${ms(cpu)} ms; ${reasoned} of ${first.results.length} co-liked`,
        floor: `floor p50 ${ms(timing.floor.p50)} ms`,
        ratio: timing.subject.p50 / timing.floor.p50,
        target: '≤ 10 ms',
        met: timing.subject.p50 <= 10,
      });
    }
    const [small, large] = timings as [Timing, Timing];
    record({
      scenario: 'recommendations p50 at 1,000,000 vs 1,000 ratings',
      figure: `${ms(large.p50)} ms vs ${ms(small.p50)} ms`,
      ratio: large.p50 / small.p50,
      target: '≤ 1.2×',
      met: large.p50 <= 1.2 * small.p50,
    });

    // ── ?ids= with 100 ids, spread over the big catalogue (some unknown) ─────────────────────────────────
    const { services, db, firstFilm } = worlds[1]!;
    const handler = createHttpHandler(listMoviesRoute, listMovies, async () => services);
    const search = createMovieSearchRepository(db);
    const counter = createRequestCountRepository(db);
    const idsOf = (i: number) => Array.from({ length: 100 }, (_, k) => firstFilm + ((i * 7919 + k * 997) % (FILMS + 50)));
    const lookUp = await timeAgainstFloor(
      (i) => call(handler, httpEvent({ path: '/movies/', query: { ids: idsOf(i).join(',') } }), 200),
      (i) => Promise.all([counter.increment(Math.floor(Math.random() * REQUEST_COUNT_SHARDS)), search.byIds(idsOf(i))]),
      calls,
    );
    const lookUpCpu = await cpuPerCall((i) => call(handler, httpEvent({ path: '/movies/', query: { ids: idsOf(i).join(',') } }), 200), 200);
    record({
      scenario: 'listMovies ?ids= with 100 ids (100,000 films)',
      figure: `${timingText(lookUp.subject)}; CPU ${ms(lookUpCpu)} ms`,
      floor: `floor p50 ${ms(lookUp.floor.p50)} ms`,
      ratio: lookUp.subject.p50 / lookUp.floor.p50,
      target: '≤ 2 ms',
      met: lookUp.subject.p50 <= 2,
    });
  } finally {
    for (const world of worlds) world.db.close();
    rmSync(work, { recursive: true, force: true });
  }
}
