/**
 * The routes `npm run bench compare` times in both trees: the warm routes of the full bench and the sqld bench, read
 * and written, anonymous and signed in where the two take different paths through the code.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { httpEvent } from '../../../harness/events';
import { searchWord } from '../searchWords';

/** What a tree's runner knows once it has signed in: the films to read, its users' headers, its user's rating. */
export interface RouteContext {
  movieIds: readonly number[];
  userHeaders: Record<string, string>;
  adminHeaders: Record<string, string>;
  ratingId: number;
}

export interface ComparedRoute {
  route: string;
  /** The function's name, the same in both trees: its file is found by it (./functionFiles.ts). */
  functionName: string;
  event: (i: number, context: RouteContext) => APIGatewayProxyEventV2;
  /** The statuses a correct answer may have; any other stops the run. */
  statuses: readonly number[];
}

const movie = (i: number, { movieIds }: RouteContext) => String(movieIds[i % movieIds.length]);
const rate = (i: number, context: RouteContext, headers?: Record<string, string>) =>
  httpEvent({ method: 'POST', path: '/ratings/', body: { movie: Number(movie(i * 7, context)), value: 1 + (i % 5) }, headers });
const ratingPath = ({ ratingId }: RouteContext) => ({ path: `/ratings/${ratingId}/`, pathParameters: { id: String(ratingId) } });

export const COMPARED_ROUTES: readonly ComparedRoute[] = [
  {
    route: 'getMovie',
    functionName: 'getMovie',
    event: (i, c) => httpEvent({ path: `/movies/${movie(i, c)}/`, pathParameters: { id: movie(i, c) } }),
    statuses: [200],
  },
  {
    route: 'getMovie signed in',
    functionName: 'getMovie',
    event: (i, c) => httpEvent({ path: `/movies/${movie(i, c)}/`, pathParameters: { id: movie(i, c) }, headers: c.userHeaders }),
    statuses: [200],
  },
  { route: 'listMovies', functionName: 'listMovies', event: () => httpEvent({ path: '/movies/' }), statuses: [200] },
  {
    route: 'listMovies search',
    functionName: 'listMovies',
    event: (i) => httpEvent({ path: '/movies/', query: { search: searchWord(i) } }),
    statuses: [200],
  },
  {
    route: 'listMovies genre',
    functionName: 'listMovies',
    event: () => httpEvent({ path: '/movies/', query: { genre: 'Comedy' } }),
    statuses: [200],
  },
  {
    route: 'listMovies top rated',
    functionName: 'listMovies',
    event: () => httpEvent({ path: '/movies/', query: { ordering: '-score' } }),
    statuses: [200],
  },
  { route: 'createRating', functionName: 'createRating', event: (i, c) => rate(i, c), statuses: [201] },
  {
    route: 'createRating signed in',
    functionName: 'createRating',
    event: (i, c) => rate(i, c, c.userHeaders),
    // A signed-in user's second rating of a film changes the first (200).
    statuses: [200, 201],
  },
  {
    route: 'changeRating',
    functionName: 'changeRating',
    event: (i, c) => httpEvent({ method: 'PUT', ...ratingPath(c), body: { value: 1 + (i % 5) }, headers: c.userHeaders }),
    statuses: [200],
  },
  {
    route: 'getRating',
    functionName: 'getRating',
    event: (_, c) => httpEvent({ ...ratingPath(c), headers: c.userHeaders }),
    statuses: [200],
  },
  {
    route: 'listMyRatings',
    functionName: 'listMyRatings',
    event: (_, c) => httpEvent({ path: '/users/me/ratings/', headers: c.userHeaders }),
    statuses: [200],
  },
  { route: 'getMe', functionName: 'getMe', event: (_, c) => httpEvent({ path: '/users/me/', headers: c.userHeaders }), statuses: [200] },
  { route: 'health', functionName: 'health', event: () => httpEvent({ path: '/health/' }), statuses: [200] },
  {
    route: 'getRequestCount',
    functionName: 'getRequestCount',
    event: (_, c) => httpEvent({ path: '/request-count/', headers: c.adminHeaders }),
    statuses: [200],
  },
];

/** Every function the routes call, and issueToken, which signs the runner's users in. */
export const COMPARED_FUNCTIONS = [...new Set(['issueToken', ...COMPARED_ROUTES.map((r) => r.functionName)])];
