/**
 * A fresh process to its first answer (require, INIT, the first call), each route of ours against the same route of
 * each peer and against hello-world, run as Lambda's runtime runs a function (tools/bench/firstInvocation.ts).
 */
import { firstInvocationOf } from '../firstInvocation';
import { PEERS, requestOf, ROUTES, type ContenderBundles, type Route } from './contenders';
import { COLD_TARGETS, median, notAbove, type Verdict } from './verdicts';

/** Rounds per contender; the median of them, since a run that takes its turns evenly sees the same drift. */
const ROUNDS = 7;

export interface ColdFigure {
  route: Route;
  /** Median time from the process's start to the first answer, ms. */
  answeredMs: { ours: number; express: number; fastify: number; hello: number };
  verdicts: Record<keyof typeof COLD_TARGETS, Verdict>;
}

/** Every round runs each contender once, route by route, so a machine that slows down mid-run weighs on all alike. */
export function benchColdPeers(bundles: ContenderBundles, movieId: number): ColdFigure[] {
  type Samples = Record<'ours' | 'express' | 'fastify' | 'hello', number[]>;
  const samples = Object.fromEntries(
    ROUTES.map((route): [Route, Samples] => [route, { ours: [], express: [], fastify: [], hello: [] }]),
  ) as Record<Route, Samples>;
  for (let round = 0; round < ROUNDS; round++) {
    for (const route of ROUTES) {
      const { event, status } = requestOf(route, movieId, round);
      samples[route].hello.push(firstInvocationOf(bundles.hello, event, 200).answeredMs);
      for (const peer of PEERS) samples[route][peer].push(firstInvocationOf(bundles.peers[peer], event, status).answeredMs);
      samples[route].ours.push(firstInvocationOf(bundles.ours[route], event, status).answeredMs);
    }
  }
  return ROUTES.map((route) => {
    const answeredMs = {
      ours: median(samples[route].ours),
      express: median(samples[route].express),
      fastify: median(samples[route].fastify),
      hello: median(samples[route].hello),
    };
    const verdicts = {
      express: notAbove(answeredMs.ours, answeredMs.express, COLD_TARGETS.express),
      fastify: notAbove(answeredMs.ours, answeredMs.fastify, COLD_TARGETS.fastify),
      hello: notAbove(answeredMs.ours, answeredMs.hello, COLD_TARGETS.hello),
    };
    return { route, answeredMs, verdicts };
  });
}

export const COLD_ROUNDS = ROUNDS;
