/**
 * What every peer does for its three routes, the framework aside: the same statements as ours, through our own
 * repositories (so the SQL is ours by construction, not a copy that drifts), over a plain @libsql/client, with the
 * request counter's increment sent beside the route's own request as ours sends it. No middleware, no logger, no
 * migration check: what a hand-written Express or Fastify function would do.
 */
import type { Client } from '@libsql/client';
import { createMovieSearchRepository } from '../../../lib/repositories/movieSearchRepository';
import { createMoviesRepository } from '../../../lib/repositories/moviesRepository';
import { createRatingsRepository } from '../../../lib/repositories/ratingsRepository';
import { createRequestCountRepository } from '../../../lib/repositories/requestCountRepository';
import { REQUEST_COUNT_SHARDS } from '../../../lib/services/requestCountService';

/** A file (the cold start's small database) through the native driver, a server (sqld) over HTTP, as ours chooses. */
async function open(url: string): Promise<Client> {
  if (url.startsWith('file:')) {
    const { createClient } = await import('@libsql/client/sqlite3');
    return createClient({ url, intMode: 'number' });
  }
  const { createClient } = await import('@libsql/client/web');
  return createClient({ url, intMode: 'number' });
}

let opened: Promise<Client> | undefined;
/** Opened on the first request, from DATABASE_URL as it is then, like ours. */
const database = () => (opened ??= open(process.env.DATABASE_URL ?? 'file:.data/movies.db'));

/** Runs the route's own statement beside the counter's increment; answers the route's. */
async function counted<T>(work: (db: Client) => Promise<T>): Promise<T> {
  const db = await database();
  const [, result] = await Promise.all([
    createRequestCountRepository(db).increment(Math.floor(Math.random() * REQUEST_COUNT_SHARDS)),
    work(db),
  ]);
  return result;
}

export const findMovie = (id: number) => counted((db) => createMoviesRepository(db).findById(id));

export const rateMovie = (movie: number, value: number) => counted((db) => createRatingsRepository(db).insertAnonymous(movie, value));

/** GET /movies/?page=n: one page of 20 in title order, its count beside it, in one batch as ours. */
export async function listMovies(page: number) {
  const pageSize = 20;
  const { count, movies } = await counted((db) => createMovieSearchRepository(db).list({ offset: (page - 1) * pageSize, limit: pageSize }));
  // The Page shape spelled out rather than taken from lib/schemas/pagination, whose zod schemas would load with it:
  // a peer pays for its own validation only. The bench's byte check holds the shape to ours.
  return { count, page, page_size: pageSize, total_pages: Math.ceil(count / pageSize), results: movies };
}

/** A path's or a query's positive integer, or undefined. */
export function positiveInteger(text: unknown): number | undefined {
  const value = typeof text === 'string' && /^[1-9]\d{0,15}$/.test(text) ? Number(text) : Number.NaN;
  return Number.isSafeInteger(value) ? value : undefined;
}
