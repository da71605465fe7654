/**
 * Issue 13's scenarios of `npm run bench`: "top rated" from its index, similar films for the most-rated film and
 * for an unrated one, and the refresh of C and every score. (createRating, whose batch now fires the distribution
 * and score triggers, is timed against its floor by the bench's own createRating scenario.) Run over the bench's
 * database (the dataset, 100,000 synthetic films and 1,000,000 ratings).
 */
import { performance } from 'node:perf_hooks';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Client } from '@libsql/client';
import { openDatabase } from '../../lib/db/client';
import { parseConfig } from '../../lib/config';
import { createServices } from '../../lib/container';
import { createFactsSummaryGenerator } from '../../lib/llm/factsSummaryGenerator';
import { createMovieSearchRepository } from '../../lib/repositories/movieSearchRepository';
import { createRequestCountRepository } from '../../lib/repositories/requestCountRepository';
import { createSimilarMoviesRepository } from '../../lib/repositories/similarMoviesRepository';
import { REQUEST_COUNT_SHARDS } from '../../lib/services/requestCountService';
import { silentLogger } from './silentLogger';
import { httpEvent } from '../../harness/events';
import { ms, timeAgainstFloor, type Timing } from './stats';
import type { BenchRow, BundledHandler } from './types';

export interface CatalogueBenchContext {
  databaseUrl: string;
  /** The bench's synthetic films, by id. */
  synthetic: { firstId: number; lastId: number };
  load: (name: string) => BundledHandler;
  invokeOk: (handler: BundledHandler, event: APIGatewayProxyEventV2, expected: number) => Promise<unknown>;
  record: (row: BenchRow) => void;
  calls: number;
}

/** Signed-in people who all rated one film 5 and each rated LIKES other films 4-5: more than /similar/ reads. */
const FANS = 2000;
const LIKES = 60;
const MIN_VOTES = 10;

/**
 * One row, read inside a batch: a lone SELECT through the local driver can leave its read snapshot open, and the
 * connection's next write (the floors' request count) then fails with SQLITE_BUSY_SNAPSHOT.
 */
async function readOne(db: Client, sql: string) {
  const [result] = await db.batch([sql], 'read');
  return result!.rows[0]!;
}

const timingText = (t: Timing) => `p50 ${ms(t.p50)} ms, p99 ${ms(t.p99)} ms`;

const wallTime = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
};

/** FANS users who rated `movieId` 5 and LIKES synthetic films 4-5 each, with every aggregate made exact again. */
async function addFans(db: Client, movieId: number, { firstId, lastId }: { firstId: number; lastId: number }): Promise<void> {
  const films = lastId - firstId + 1;
  await db.batch(
    [
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${FANS})
       INSERT INTO users (email, username, password_hash) SELECT 'fan' || i || '@bench.example.com', 'fan ' || i, 'x' FROM n`,
      `INSERT INTO ratings (movie_id, user_id, value) SELECT ${movieId}, id, 5 FROM users WHERE email LIKE 'fan%@bench.example.com'`,
      `WITH RECURSIVE k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < ${LIKES - 1})
       INSERT OR IGNORE INTO ratings (movie_id, user_id, value)
       SELECT ${firstId} + ((u.id * 7919 + k.j * 104729) % ${films}), u.id, 4 + (k.j % 2)
       FROM users u, k WHERE u.email LIKE 'fan%@bench.example.com'`,
      // Written in bulk, like the bench's other ratings: the aggregates are set from the ratings afterwards.
      `UPDATE movies SET rating_sum = r.s, rating_count = r.c
       FROM (SELECT movie_id, sum(value) AS s, count(*) AS c FROM ratings
             WHERE movie_id = ${movieId} OR movie_id BETWEEN ${firstId} AND ${lastId} GROUP BY movie_id) AS r
       WHERE movies.id = r.movie_id`,
    ],
    'write',
  );
}

export async function benchCatalogue(context: CatalogueBenchContext): Promise<void> {
  // A connection of its own, closed at the end: the bench's main connection is left exactly as it was.
  const db = await openDatabase({ url: context.databaseUrl });
  // The floors' request counts go through a connection of their own. (On one connection, a count written right
  // after a /similar/ read of this large database failed with SQLITE_BUSY_SNAPSHOT here; see the report.)
  const counting = await openDatabase({ url: context.databaseUrl });
  try {
    await benchOn(db, counting, context);
  } finally {
    db.close();
    counting.close();
  }
}

async function benchOn(db: Client, counting: Client, { synthetic, load, invokeOk, record, calls }: CatalogueBenchContext): Promise<void> {
  // The scenarios' films and the refresh go through the container, as in the functions; floors read through repositories.
  const config = parseConfig({ SCORE_MIN_VOTES: String(MIN_VOTES), LOG_LEVEL: 'SILENT' });
  const { movies, catalogue } = createServices({ config, db, logger: silentLogger(), generator: createFactsSummaryGenerator() });
  const searchRepository = createMovieSearchRepository(db);
  const similarRepository = createSimilarMoviesRepository(db);
  // Every request also counts itself (one write to a random shard), so each floor makes that write too.
  const counter = createRequestCountRepository(counting);
  const countRequest = () => counter.increment(Math.floor(Math.random() * REQUEST_COUNT_SHARDS));
  // Each bundle opens its own connection on its first call: done before the big writes below, since a connection
  // opening while a large WAL is being checkpointed can find the file locked.
  const listMovies = load('listMovies');
  const similarMovies = load('similarMovies');
  await invokeOk(listMovies, httpEvent({ path: '/movies/' }), 200);
  await invokeOk(
    similarMovies,
    httpEvent({ path: `/movies/${synthetic.firstId}/similar/`, pathParameters: { id: String(synthetic.firstId) } }),
    200,
  );

  // ── The refresh of C and every score, at 100,000+ films ─────────────────────────────────────────────
  const films = Number((await readOne(db, 'SELECT count(*) AS n FROM movies')).n);
  const [first, firstMs] = await wallTime(() => catalogue.refreshScores());
  record({
    scenario: `refresh C and every score (${films.toLocaleString('en')} films)`,
    figure: `${ms(firstMs)} ms, ${first.changed} scores rewritten`,
  });
  const [again, againMs] = await wallTime(() => catalogue.refreshScores());
  record({ scenario: 'refresh again, C unchanged', figure: `${ms(againMs)} ms, ${again.changed} scores rewritten` });

  // ── Top rated: the first page of ordering=-score, from the score index ───────────────────────────────
  const topEvent = httpEvent({ path: '/movies/', query: { ordering: '-score' } });
  const top = await timeAgainstFloor(
    () => invokeOk(listMovies, topEvent, 200),
    async () => {
      await countRequest();
      await searchRepository.list({ offset: 0, limit: 20, ordering: '-score' });
    },
    calls,
  );
  const plan = (await searchRepository.listQueryPlan({ offset: 0, limit: 20, ordering: '-score' })).join('; ');
  const fromIndex = /USING (COVERING )?INDEX movies_by_score/.test(plan) && !/TEMP B-TREE/.test(plan);
  record({
    scenario: 'listMovies ordering=-score, first page of 20',
    figure: timingText(top.subject),
    floor: `floor p50 ${ms(top.floor.p50)} ms`,
    ratio: top.subject.p50 / top.floor.p50,
    target: `≤ 5 ms, from the index${fromIndex ? '' : ' (NOT: the plan sorts)'}`,
    met: top.subject.p50 <= 5 && fromIndex,
  });

  // ── Similar films: the film with the most ratings (FANS fans) and an unrated one ─────────────────────
  const popular = await movies.create({ title: 'Bench: the most-rated film', genres: ['Drama'], year: 1960 });
  await addFans(db, popular.id, synthetic);
  const unrated = await movies.create({ title: 'Bench: an unrated film', genres: ['Drama'], year: 1960 });
  const mostRated = Number((await readOne(db, 'SELECT id FROM movies ORDER BY rating_count DESC LIMIT 1')).id);
  if (mostRated !== popular.id) throw new Error("the fans' film should be the most-rated one");
  for (const [label, id] of [
    [`/similar/ for the most-rated film (${FANS.toLocaleString('en')} fans × ${LIKES} likes)`, popular.id],
    ['/similar/ for an unrated film', unrated.id],
  ] as const) {
    const event = httpEvent({ path: `/movies/${id}/similar/`, pathParameters: { id: String(id) } });
    const similar = await timeAgainstFloor(
      () => invokeOk(similarMovies, event, 200),
      async () => {
        await countRequest();
        await similarRepository.similarTo(id, 10);
      },
      calls,
    );
    record({
      scenario: label,
      figure: timingText(similar.subject),
      floor: `floor p50 ${ms(similar.floor.p50)} ms`,
      ratio: similar.subject.p50 / similar.floor.p50,
      target: '≤ 10 ms',
      met: similar.subject.p50 <= 10,
    });
  }
}
