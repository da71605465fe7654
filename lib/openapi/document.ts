import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { ZodObject } from 'zod';
import { PROBLEM_CONTENT_TYPE } from '../http/problemDetails';
import type { RouteContract } from '../http/route';
import { ProblemDetails } from '../schemas/common';

const JSON_CONTENT_TYPE = 'application/json';
const BEARER = 'bearerAuth';

const problemDescriptions: Record<number, string> = {
  400: 'malformed JSON, or an invalid field, path or query parameter; `errors` lists every invalid field',
  401: 'no token, or a bad, expired or tampered one',
  403: 'signed in, but the role does not allow it',
  404: 'the resource does not exist, or is not yours',
  409: 'conflicts with what is stored',
  413: 'the body is over 64 KiB',
  429: 'throttled: too many requests or failed attempts; Retry-After says how many seconds to wait',
  500: 'a fault on our side; the body carries only the request id to quote',
  502: 'the LLM failed to write the summary; the stored one is kept',
  503: 'shedding load, or a service the API depends on is unavailable; Retry-After says when to try again',
};

/** User and admin routes need a token; public writes take one (and need it under REQUIRE_AUTH_FOR_WRITES). */
const acceptsToken = (route: RouteContract) => route.access !== 'public' || route.writes === true;

function securityOf(route: RouteContract): RouteConfig['security'] {
  if (route.access !== 'public') return [{ [BEARER]: [] }];
  // An empty requirement says outright that no token is needed; beside bearer, that the token is optional.
  return route.writes ? [{}, { [BEARER]: [] }] : [];
}

/** The error statuses a route can answer: implied by its inputs and access, plus those it declares. */
export function errorStatuses(route: RouteContract): number[] {
  const statuses = new Set<number>(route.errors ?? []);
  if (route.params || route.query || route.body) statuses.add(400);
  if (acceptsToken(route)) statuses.add(401);
  if (route.access === 'admin') statuses.add(403);
  if (route.params) statuses.add(404);
  if (route.body) statuses.add(413);
  if (route.rateLimit) statuses.add(429);
  statuses.add(500);
  return [...statuses].sort((a, b) => a - b);
}

type ResponseHeaders = Record<string, { description: string; schema: { type: 'string' } | { type: 'integer' } }>;

const rateLimitHeaders: ResponseHeaders = {
  'RateLimit-Policy': { description: 'the per-client limit (IETF httpapi-ratelimit-headers), e.g. `"auth";q=20;w=60`', schema: { type: 'string' } },
  RateLimit: { description: 'what remains of it and when it resets, e.g. `"auth";r=19;t=60`', schema: { type: 'string' } },
};
const retryAfterHeader: ResponseHeaders = { 'Retry-After': { description: 'seconds to wait before trying again', schema: { type: 'integer' } } };

/** The headers a route's answer with `status` can carry. */
function headersOf(route: RouteContract, status: number): ResponseHeaders | undefined {
  const headers: ResponseHeaders = {
    ...(route.rateLimit ? rateLimitHeaders : {}),
    ...(status === 429 || status === 503 ? retryAfterHeader : {}),
  };
  return Object.keys(headers).length > 0 ? headers : undefined;
}

function toOpenApiRoute(route: RouteContract): RouteConfig {
  const { response } = route;
  const responses: RouteConfig['responses'] = {
    [response.status]: {
      description: response.description,
      ...(headersOf(route, response.status) ? { headers: headersOf(route, response.status) } : {}),
      ...(response.schema ? { content: { [response.contentType ?? JSON_CONTENT_TYPE]: { schema: response.schema } } } : {}),
    },
  };
  for (const status of errorStatuses(route)) {
    responses[status] = {
      description: problemDescriptions[status] ?? 'the request could not be served',
      ...(headersOf(route, status) ? { headers: headersOf(route, status) } : {}),
      content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemDetails } },
    };
  }
  return {
    method: route.method.toLowerCase() as RouteConfig['method'],
    path: route.path,
    operationId: route.functionName,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [...route.tags],
    security: securityOf(route),
    request: {
      ...(route.params ? { params: route.params as ZodObject } : {}),
      ...(route.query ? { query: route.query as ZodObject } : {}),
      ...(route.body ? { body: { required: true, content: { [JSON_CONTENT_TYPE]: { schema: route.body } } } } : {}),
    },
    responses,
  };
}

/**
 * The OpenAPI 3.1 document of the given routes, generated from the same zod schemas that validate
 * requests, so the two cannot drift. Schemas with a zod `.meta({ id })` become named components.
 */
export function buildOpenApiDocument(routes: readonly RouteContract[]) {
  const registry = new OpenAPIRegistry();
  if (routes.some(acceptsToken)) {
    registry.registerComponent('securitySchemes', BEARER, { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  }
  for (const route of routes) registry.registerPath(toOpenApiRoute(route));
  const tags = [...new Set(routes.flatMap((route) => route.tags))].map((name) => ({ name }));
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Movie rating API',
      version: '1.0.0',
      description:
        'Rate movies, read LLM-written summaries, and keep collections. Every route also answers without its ' +
        'trailing slash. Errors are RFC 9457 problem+json.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/' }],
    tags,
  });
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
