import { methodsOf, type HttpMethod, type RouteContract } from '../schemas/routes/contract';

const METHOD_ORDER: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

const segmentsOf = (path: string) => path.split('/').filter((segment) => segment !== '');

/** A contract path such as /movies/{id}/ matches /movies/7 and /movies/7/: a {parameter} is any one segment. */
export function pathMatches(template: string, path: string): boolean {
  const [expected, actual] = [segmentsOf(template), segmentsOf(path)];
  return (
    expected.length === actual.length &&
    // segmentsOf drops empty segments, so a {parameter} always has a non-empty one to match.
    expected.every((segment, i) => (segment.startsWith('{') && segment.endsWith('}')) || segment === actual[i])
  );
}

/** The methods some route serves at a path, in a reading order; none for an unknown path. */
export function methodsServedAt(routes: readonly RouteContract[], path: string): HttpMethod[] {
  const served = new Set(routes.filter((route) => pathMatches(route.path, path)).flatMap(methodsOf));
  return METHOD_ORDER.filter((method) => served.has(method));
}
