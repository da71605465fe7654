import { allRoutes } from '../../lib/schemas/routes';
import type { RouteContract } from '../../lib/schemas/routes/contract';
import { invokeRoute, type AnyImplementation } from './invokeRoute';
import type { TestServices } from './services';

/** Route implementations by their contract's functionName, as the function modules export them. */
export type Implementations = Record<string, (input: never, dependencies: never) => Promise<unknown>>;

const routeNamed = (functionName: string): RouteContract => {
  const route = allRoutes.find((candidate) => candidate.functionName === functionName);
  if (!route) throw new Error(`no route contract is named ${functionName}`);
  return route;
};

/** The contract's path as a pattern: its {params} captured, its trailing slash optional as API Gateway makes it. */
const patternOf = (path: string) => new RegExp(`^${path.replace(/\/$/, '').replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}/?$`);

/**
 * A fetch() that answers in-process: it finds the route a request names among the implementations it was given and
 * runs that handler through the whole HTTP stack over the test's services (invokeRoute, which also holds the answer to
 * the route's contract). It lets a client built for the network be tested against real handlers and a real database.
 */
export function handlerFetch(services: TestServices, implementations: Implementations): typeof fetch {
  const routes = Object.entries(implementations).map(([name, implementation]) => {
    const route = routeNamed(name);
    return { route, implementation: implementation as AnyImplementation<RouteContract>, pattern: patternOf(route.path) };
  });
  return async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : input);
    const method = init.method ?? 'GET';
    const match = routes
      .filter(({ route }) => route.method === method)
      .map((candidate) => ({ ...candidate, found: candidate.pattern.exec(url.pathname) }))
      .find(({ found }) => found !== null);
    if (!match) throw new Error(`handlerFetch: no implementation given for ${method} ${url.pathname}`);
    const query = url.search === '' ? undefined : Object.fromEntries(url.searchParams);
    const answer = await invokeRoute(match.route, match.implementation, services, {
      method,
      rawPath: url.pathname,
      params: match.found?.groups,
      query,
      headers: Object.fromEntries(new Headers(init.headers)),
      body: typeof init.body === 'string' ? init.body : undefined,
    });
    const body = answer.raw.byteLength === 0 ? null : new Uint8Array(answer.raw);
    return new Response(body, { status: answer.statusCode, headers: answer.headers });
  };
}
