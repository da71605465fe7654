import type { Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { buildOpenApiDocument } from '../../lib/openapi/document';
import { allRoutes } from '../../lib/schemas/routes';
import type { RouteContract } from '../../lib/schemas/routes/contract';
import { httpEvent } from '../../harness/events';
import { invoke, type InvokeResult } from './invoke';
import { createResponseValidator, type ResponseValidator } from './responseValidator';

export interface RouteRequest {
  /** Path parameters, filled into the contract's path. */
  params?: Record<string, string | number>;
  query?: Record<string, string>;
  /** An object is sent as JSON; a string as it is. */
  body?: unknown;
  headers?: Record<string, string>;
  /** The client's address, for what is kept per client (rate limits, an anonymous caller's idempotency keys). */
  sourceIp?: string;
  /** The path as the client wrote it, when it is not the contract's own (e.g. without the trailing slash). */
  rawPath?: string;
  /** The method: the catch-all answers any, changeRating PUT and PATCH; by default the contract's own. */
  method?: string;
  /** The body as API Gateway hands over a binary one: base64. */
  isBase64Encoded?: boolean;
}

/** Any handler of the route, whatever dependencies it names: the test hands it the whole container. */
export type AnyImplementation<R extends RouteContract> = RouteImplementation<R, never>;

/** A route's Lambda entry over the test's services, for a test that builds its own event. */
export const routeHandler = <R extends RouteContract>(route: R, implementation: AnyImplementation<R>, services: Services) =>
  createHttpHandler(route, implementation as unknown as RouteImplementation<R, object>, async () => services);

/** A Lambda entry, as createHttpHandler builds it or a function module exports it. */
export type RouteHandler = Parameters<typeof invoke>[0];

// One validator per route, over the OpenAPI document of that route alone (a test may declare a route of its own).
// The catch-all is no operation (its path is API Gateway's `$default`): what it answers is checked against the
// whole API's document, whose answers to a request no operation matches are its contract.
const validators = new WeakMap<RouteContract, Promise<ResponseValidator>>();
const validatorOf = (route: RouteContract) => {
  let validator = validators.get(route);
  const routes = route.path.startsWith('/') ? [route] : allRoutes;
  if (!validator) validators.set(route, (validator = createResponseValidator(buildOpenApiDocument(routes))));
  return validator;
};

/**
 * Runs a route's handler through the whole HTTP stack, as its Lambda would, with the test's services: the method
 * and path come from the route's contract, so a test names the route, never re-wires it. Every answer is checked
 * against the route's contract, as the OpenAPI document states it (status, media type, body schema, headers): an
 * answer that breaks it fails the test here, whatever the test itself asserts.
 */
export async function invokeRoute<R extends RouteContract>(
  route: R,
  implementation: AnyImplementation<R>,
  services: Services,
  request: RouteRequest = {},
): Promise<InvokeResult> {
  return invokeRouteHandler(route, routeHandler(route, implementation, services), request);
}

/**
 * invokeRoute for a Lambda entry the test did not build over its services (a function module's own `handler`
 * export): the request is built and the answer checked against the route's contract all the same.
 */
export async function invokeRouteHandler(
  route: RouteContract,
  handler: RouteHandler,
  { params, query, body, headers, sourceIp, rawPath, method = route.method, isBase64Encoded }: RouteRequest = {},
): Promise<InvokeResult> {
  const pathParameters = params && Object.fromEntries(Object.entries(params).map(([name, value]) => [name, String(value)]));
  const path = rawPath ?? route.path.replace(/\{(\w+)\}/g, (template, name: string) => pathParameters?.[name] ?? template);
  const event = httpEvent({ method, path, pathParameters, query, body, headers, isBase64Encoded });
  if (sourceIp !== undefined) event.requestContext.http.sourceIp = sourceIp;
  const response = await invoke(handler, event);
  const problems = (await validatorOf(route)).problemsOf({
    method,
    path,
    status: response.statusCode,
    headers: new Headers(response.headers),
    text: response.raw.toString('utf8'),
  });
  if (problems.length > 0) throw new Error(`the answer breaks the route's contract:\n${problems.join('\n')}`);
  return response;
}
