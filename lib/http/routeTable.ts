import { methodsOf, type HttpMethod, type RouteContract } from '../schemas/routes/contract';

const METHOD_ORDER: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * A path's segments between its leading slash and its optional trailing one. Any other empty segment is kept:
 * /movies//1/ is no movie's path (API Gateway routes it to no route), so it must match no contract either.
 */
const segmentsOf = (path: string) => path.replace(/^\//, '').replace(/\/$/, '').split('/');

/** A contract path such as /movies/{id}/ matches /movies/7 and /movies/7/: a {parameter} is any one non-empty segment. */
export function pathMatches(template: string, path: string): boolean {
  const [expected, actual] = [segmentsOf(template), segmentsOf(path)];
  return (
    expected.length === actual.length &&
    expected.every((segment, i) => (segment.startsWith('{') && segment.endsWith('}') && actual[i] !== '') || segment === actual[i])
  );
}

/** Each contract path with the methods served there: what the catch-all needs of the contracts (servedRoutes.json). */
export type ServedMethods = Readonly<Record<string, readonly HttpMethod[]>>;

/** The routes' paths, each with the methods some route serves there, in a reading order. */
export function servedMethods(routes: readonly RouteContract[]): ServedMethods {
  const served: Record<string, Set<HttpMethod>> = {};
  for (const route of routes) for (const method of methodsOf(route)) (served[route.path] ??= new Set()).add(method);
  return Object.fromEntries(Object.entries(served).map(([path, methods]) => [path, METHOD_ORDER.filter((method) => methods.has(method))]));
}

/** The methods served at a path, in a reading order, from a table of paths; none for an unknown path. */
export function methodsServedIn(table: ServedMethods, path: string): HttpMethod[] {
  const served = new Set(Object.entries(table).flatMap(([template, methods]) => (pathMatches(template, path) ? methods : [])));
  return METHOD_ORDER.filter((method) => served.has(method));
}

/** The methods some route serves at a path, in a reading order; none for an unknown path. */
export const methodsServedAt = (routes: readonly RouteContract[], path: string): HttpMethod[] =>
  methodsServedIn(servedMethods(routes), path);
