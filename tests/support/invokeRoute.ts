import type { Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { buildOpenApiDocument } from '../../lib/openapi/document';
import type { HttpMethod, RouteContract } from '../../lib/schemas/routes/contract';
import { httpEvent } from './events';
import { invoke, type InvokeResult } from './invoke';
import { createResponseValidator, type ResponseValidator } from './responseValidator';

export interface RouteRequest {
  /** One of the route's other methods (PATCH on a route answering PUT and PATCH); its own by default. */
  method?: HttpMethod;
  /** Path parameters, filled into the contract's path. */
  params?: Record<string, string | number>;
  query?: Record<string, string>;
  /** An object is sent as JSON; a string as it is. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** Any handler of the route, whatever dependencies it names: the test hands it the whole container. */
export type AnyImplementation<R extends RouteContract> = RouteImplementation<R, never>;

/** A route's Lambda entry over the test's services, for a test that builds its own event. */
export const routeHandler = <R extends RouteContract>(route: R, implementation: AnyImplementation<R>, services: Services) =>
  createHttpHandler(route, implementation as unknown as RouteImplementation<R, object>, async () => services);

// One validator per route, over the OpenAPI document of that route alone (a test may declare a route of its own).
const validators = new WeakMap<RouteContract, Promise<ResponseValidator>>();
const validatorOf = (route: RouteContract) => {
  let validator = validators.get(route);
  if (!validator) validators.set(route, (validator = createResponseValidator(buildOpenApiDocument([route]))));
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
  { method = route.method, params, query, body, headers }: RouteRequest = {},
): Promise<InvokeResult> {
  const pathParameters = params && Object.fromEntries(Object.entries(params).map(([name, value]) => [name, String(value)]));
  const path = route.path.replace(/\{(\w+)\}/g, (template, name: string) => pathParameters?.[name] ?? template);
  const response = await invoke(
    routeHandler(route, implementation, services),
    httpEvent({ method, path, pathParameters, query, body, headers }),
  );
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
