/**
 * Warm on the deployed path: ours and each peer's handler, loaded in this process, each with its own client over HTTP
 * to one real sqld through the counting proxy (harness/countingProxy.ts), timed in turns; and over `npm start` on
 * the same sqld, GET movie against GET health in requests per second.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { lambdaContext } from '../../../harness/events';
import { startCountingProxy } from '../../../harness/countingProxy';
import { startOfflineApi } from '../../../harness/offlineApi';
import { openMigratedDatabase } from '../../../lib/db/client';
import { useBenchEnvironment } from '../environment';
import { startSqldWith } from '../network';
import { percentile, type Timing } from '../stats';
import type { BundledHandler } from '../types';
import { loadFresh, PEERS, requestOf, ROUTES, type ContenderBundles, type Peer, type Route } from './contenders';
import { assertSameBodies, HTTP_TARGET, notAbove, notBelow, WARM_TARGET, type Verdict } from './verdicts';

/** Films in the small catalogue, each with its summary stored, so no route calls the LLM. */
const FILMS = 200;
const CALLS = 200;
const WARMUP = 20;
const BLOCK = 20;

type Contender = 'ours' | Peer;

export interface WarmFigure {
  route: Route;
  timing: Record<Contender, Timing>;
  /** HTTP requests sqld received per warm request, each contender's. */
  requests: Record<Contender, number>;
  verdicts: Record<Peer, Verdict>;
}

export interface HttpFigure {
  movie: { perSecond: number; p99: number; non2xx: number };
  health: { perSecond: number; p99: number; non2xx: number };
  verdict: Verdict;
}

/** A migrated file database with FILMS films, for sqld to serve a copy of; answers the file and the films' ids. */
async function smallCatalogue(folder: string): Promise<{ file: string; movieIds: number[] }> {
  const file = join(folder, 'peers.db');
  const db = await openMigratedDatabase({ url: `file:${file}` });
  try {
    const values = Array.from({ length: FILMS }, (_, i) => `('Peer film ${i + 1}', '["Drama"]', ${1950 + (i % 70)}, 'Stored.', 'facts')`);
    await db.execute(`INSERT INTO movies (title, genres, year, summary, summary_source) VALUES ${values.join(', ')}`);
    const ids = await db.execute('SELECT id FROM movies ORDER BY id');
    // sqld serves a copy of the file: what was written must be in the file itself, not its WAL.
    await db.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    return { file, movieIds: ids.rows.map((row) => Number(row.id)) };
  } finally {
    db.close();
  }
}

const summarise = (samples: number[]): Timing => {
  const sorted = Float64Array.from(samples).sort();
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), n: sorted.length };
};

async function invoke(handler: BundledHandler, name: string, route: Route, movieId: number, i: number) {
  const { event, status } = requestOf(route, movieId, i);
  const result = await handler(event, lambdaContext(), { signal: new AbortController().signal });
  if (result.statusCode !== status) throw new Error(`${name} ${route}: expected ${status}, got ${result.statusCode}: ${result.body}`);
  return result;
}

/** Everything on one sqld: the warm figures in process, then GET movie and GET health over serverless-offline. */
export async function benchPeersOnSqld(bundles: ContenderBundles): Promise<{ warm: WarmFigure[]; http: HttpFigure }> {
  const folder = mkdtempSync(join(tmpdir(), 'bench-peers-'));
  try {
    const { file, movieIds } = await smallCatalogue(folder);
    const sqld = await startSqldWith(file);
    try {
      const warm = await timeWarm(bundles, sqld.url, movieIds);
      const http = await requestsPerSecond(sqld.url, movieIds[0]!);
      return { warm, http };
    } finally {
      await sqld.close();
      sqld.removeData();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function timeWarm(bundles: ContenderBundles, sqldUrl: string, movieIds: number[]): Promise<WarmFigure[]> {
  const proxy = await startCountingProxy({ target: sqldUrl });
  try {
    useBenchEnvironment(proxy.url);
    const peers = Object.fromEntries(PEERS.map((peer) => [peer, loadFresh(bundles.peers[peer], 'peers-sqld')])) as Record<
      Peer,
      BundledHandler
    >;
    const figures: WarmFigure[] = [];
    for (const route of ROUTES) {
      const handlers: Record<Contender, BundledHandler> = { ours: loadFresh(bundles.ours[route], 'peers-sqld'), ...peers };
      const movie = (i: number) => movieIds[(i * 7) % movieIds.length]!;
      // Each contender's first call opens its client (ours also checks its migrations): the cold start, not timed.
      const first = await Promise.all(
        (Object.keys(handlers) as Contender[]).map(
          async (name) => [name, (await invoke(handlers[name], name, route, movie(0), 0)).body] as const,
        ),
      );
      if (route !== 'createRating') assertSameBodies(route, Object.fromEntries(first) as { ours: string | undefined });
      figures.push(await timeInTurns(route, handlers, (i) => movie(i), proxy));
    }
    return figures;
  } finally {
    await proxy.close();
  }
}

/** Warm calls of each contender in blocks that take turns, after a warm-up; counts what sqld received for each. */
async function timeInTurns(
  route: Route,
  handlers: Record<Contender, BundledHandler>,
  movie: (i: number) => number,
  proxy: { readonly requests: number },
): Promise<WarmFigure> {
  const names = Object.keys(handlers) as Contender[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<Contender, number[]>;
  const requests = Object.fromEntries(names.map((name) => [name, 0])) as Record<Contender, number>;
  for (let i = 0; i < WARMUP; i++) for (const name of names) await invoke(handlers[name], name, route, movie(i), i);
  for (let done = 0; done < CALLS; done += BLOCK) {
    for (const name of names) {
      for (let i = done; i < done + BLOCK; i++) {
        const before = proxy.requests;
        const started = performance.now();
        await invoke(handlers[name], name, route, movie(i), i);
        samples[name].push(performance.now() - started);
        requests[name] += proxy.requests - before;
      }
    }
  }
  const timing = Object.fromEntries(names.map((name) => [name, summarise(samples[name])])) as Record<Contender, Timing>;
  const verdicts = Object.fromEntries(PEERS.map((peer) => [peer, notAbove(timing.ours.p50, timing[peer].p50, WARM_TARGET)])) as Record<
    Peer,
    Verdict
  >;
  return {
    route,
    timing,
    requests: Object.fromEntries(names.map((name) => [name, requests[name] / CALLS])) as Record<Contender, number>,
    verdicts,
  };
}

/** `npm start` on sqld: 10 connections, each path 10 s in four rounds that take turns. */
async function requestsPerSecond(sqldUrl: string, movieId: number): Promise<HttpFigure> {
  const api = await startOfflineApi({ databaseUrl: sqldUrl, env: { LOG_LEVEL: 'SILENT', OPENAI_API_KEY: 'sk-bench' } });
  try {
    const ROUNDS = 4;
    const paths = { health: '/health/', movie: `/movies/${movieId}/` } as const;
    const rounds: Record<keyof typeof paths, autocannon.Result[]> = { health: [], movie: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of ['health', 'movie'] as const) {
        rounds[name].push(await autocannon({ url: `${api.baseUrl}${paths[name]}`, connections: 10, duration: 10 / ROUNDS }));
      }
    }
    const combined = (results: autocannon.Result[]) => ({
      perSecond: results.reduce((sum, r) => sum + r.requests.total, 0) / results.reduce((sum, r) => sum + r.duration, 0),
      p99: Math.max(...results.map((r) => r.latency.p99)),
      non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
    });
    const [movie, health] = [combined(rounds.movie), combined(rounds.health)];
    return { movie, health, verdict: notBelow(movie.perSecond, health.perSecond, HTTP_TARGET) };
  } finally {
    await api.stop();
  }
}
