import type { RouteContract, ScheduledFunction } from './contract';
import * as auth from './auth';
import * as catalogue from './catalogue';
import * as collections from './collections';
import * as docs from './docs';
import * as health from './health';
import * as movies from './movies';
import * as portableRatings from './portableRatings';
import * as ratings from './ratings';
import * as recommendations from './recommendations';
import * as requestCount from './requestCount';
import * as users from './users';
import * as watchlist from './watchlist';
import * as web from './web';

/**
 * The modules of route contracts. Every contract a module exports is a route: adding one to a module needs no
 * other edit; a new module is listed here (a unit test fails until it is).
 */
export const routeModules = {
  auth,
  collections,
  docs,
  health,
  movies,
  portableRatings,
  ratings,
  recommendations,
  requestCount,
  users,
  watchlist,
  web,
} as const;

const isRouteContract = (value: unknown): value is RouteContract =>
  typeof value === 'object' && value !== null && 'functionName' in value && 'method' in value && 'path' in value;

const METHOD_ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Paths in order, then methods in a reading order, whatever order the modules export them in. */
const byPathThenMethod = (a: RouteContract, b: RouteContract) =>
  a.path.localeCompare(b.path, 'en') || METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method);

/**
 * Every endpoint of the API. serverless.yml's functions, the OpenAPI document and the catch-all's route table are
 * generated from this list.
 */
export const allRoutes: readonly RouteContract[] = Object.values(routeModules)
  .flatMap((module) => Object.values(module).filter(isRouteContract))
  .sort(byPathThenMethod);

/** The modules of scheduled functions, each named for its domain like a module of routes. */
export const scheduleModules = { catalogue } as const;

const isScheduledFunction = (value: unknown): value is ScheduledFunction =>
  typeof value === 'object' && value !== null && 'functionName' in value && 'schedule' in value;

/** Every function run on a timer; serverless.yml gives each its `schedule` event. */
export const allSchedules: readonly ScheduledFunction[] = Object.values(scheduleModules).flatMap((module) =>
  Object.values(module).filter(isScheduledFunction),
);
