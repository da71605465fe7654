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

/** The methods some route serves at a path, in a reading order; none for an unknown path. */
export function methodsServedAt(routes: readonly RouteContract[], path: string): HttpMethod[] {
  const served = new Set(routes.filter((route) => pathMatches(route.path, path)).flatMap(methodsOf));
  return METHOD_ORDER.filter((method) => served.has(method));
}
