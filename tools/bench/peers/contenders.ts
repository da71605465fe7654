/** Who runs against whom: our three functions' bundles, the two peers' and hello-world's, each bundled as ours ship. */
import { copyFileSync } from 'node:fs';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { httpEvent } from '../../../harness/events';
import { bundleFunctions } from '../bundle';
import type { BundledHandler } from '../types';

export const ROUTES = ['getMovie', 'createRating', 'listMovies'] as const;
export type Route = (typeof ROUTES)[number];
export const PEERS = ['express', 'fastify'] as const;
export type Peer = (typeof PEERS)[number];

/** The request each route answers, and with which status: a film of the catalogue, a rating of one. */
export function requestOf(route: Route, movieId: number, i = 0): { event: APIGatewayProxyEventV2; status: number } {
  switch (route) {
    case 'getMovie':
      return { event: httpEvent({ path: `/movies/${movieId}/`, pathParameters: { id: String(movieId) } }), status: 200 };
    case 'createRating':
      return { event: httpEvent({ method: 'POST', path: '/ratings/', body: { movie: movieId, value: 1 + (i % 5) } }), status: 201 };
    case 'listMovies':
      return { event: httpEvent({ path: '/movies/', query: { page: '1' } }), status: 200 };
  }
}

export interface ContenderBundles {
  /** Ours, one bundle a function, as serverless deploys them. */
  ours: Record<Route, string>;
  /** Each peer's one app serving the three routes, as an Express or Fastify function is usually deployed. */
  peers: Record<Peer, string>;
  hello: string;
}

/** Bundles every contender with serverless.yml's esbuild options (tools/bench/bundle.ts) into outdir. */
export async function bundleContenders(root: string, entries: Record<string, string>, outdir: string): Promise<ContenderBundles> {
  const bundles = await bundleFunctions(
    root,
    {
      ...Object.fromEntries(ROUTES.map((route) => [route, entries[route]!])),
      express: 'tools/bench/peers/expressApp.ts',
      fastify: 'tools/bench/peers/fastifyApp.ts',
      hello: 'tools/bench/hello.ts',
    },
    outdir,
  );
  return {
    ours: Object.fromEntries(ROUTES.map((route) => [route, bundles[route]!])) as Record<Route, string>,
    peers: { express: bundles.express!, fastify: bundles.fastify! },
    hello: bundles.hello!,
  };
}

/**
 * A bundle loaded afresh under another name, so it opens its database from DATABASE_URL as it is now, as another
 * container would, however often this process loaded it before.
 */
export function loadFresh(bundle: string, label: string): BundledHandler {
  const copy = bundle.replace(/\.js$/, `.${label}.js`);
  copyFileSync(bundle, copy);
  return (require(copy) as { handler: BundledHandler }).handler;
}
