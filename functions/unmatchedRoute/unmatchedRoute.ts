import { servicesFor } from '../../lib/container';
import { MethodNotAllowed, NotFound } from '../../lib/errors';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { methodsServedIn, type ServedMethods } from '../../lib/http/routeTable';
import servedRoutes from '../../lib/http/servedRoutes.json';
import { unmatchedRoute as unmatchedRouteContract } from '../../lib/schemas/unmatchedRoute';

/**
 * No route matched: a known path asked with another method is a 405 naming the ones it serves, anything else 404.
 * The paths and methods come from lib/http/servedRoutes.json, generated from the contracts, so this bundle carries
 * none of their schemas.
 */
export const unmatchedRoute: RouteImplementation<typeof unmatchedRouteContract> = async ({ method, path }) => {
  const allowed = methodsServedIn(servedRoutes as ServedMethods, path);
  if (allowed.length === 0) throw new NotFound(`no route answers ${path}`);
  throw new MethodNotAllowed(`${method} is not served at ${path}; it answers ${allowed.join(', ')}`, allowed);
};

export const handler = createHttpHandler(unmatchedRouteContract, unmatchedRoute, servicesFor(unmatchedRouteContract));
