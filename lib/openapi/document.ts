import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import * as z from 'zod';
import type { ZodObject } from 'zod';
import { PROBLEM_CONTENT_TYPE } from '../http/problemDetails';
import { methodsServedAt } from '../http/routeTable';
import { rateLimitOf, type ContractHeader, type ResponseContract, type RouteContract } from '../schemas/routes/contract';
import { ProblemDetails } from '../schemas/common';
import { fileMediaTypesInWords } from '../schemas/uploadedFile';

const JSON_CONTENT_TYPE = 'application/json';

/** The request header of Safe retries; a route with a dry run says that the dry run leaves the key alone. */
const idempotencyKeyHeader = (route: RouteContract) =>
  z.object({
    'Idempotency-Key': z
      .string()
      .regex(/^[\x21-\x7e]{1,255}$/)
      .optional()
      .describe(
        'makes the request safe to retry: a repeat with the same key and body within 24 hours gets the stored answer' +
          (route.dryRunParam
            ? `; a dry run (\`${route.dryRunParam}=true\`) changes nothing and claims no key, so the same request without it then runs under that key`
            : ''),
      ),
  });
const BEARER = 'bearerAuth';

const problemDescriptions: Record<number, string> = {
  400: 'malformed JSON, or an invalid field, path or query parameter; `errors` lists every invalid field',
  401: 'no token, or a bad, expired or tampered one',
  403: 'signed in, but the role does not allow it',
  404: 'the resource does not exist, or is not yours',
  409: 'conflicts with what is stored, or a request with this Idempotency-Key is still being processed',
  405: 'the path is served, but not with this method; Allow lists the methods it is',
  413: 'the body is over 64 KiB',
  415: 'the body is not application/json in UTF-8 (or `+json`), or says nothing of what it is',
  422: 'this Idempotency-Key was used with another request body',
  429: 'throttled: too many requests, writes or failed attempts from this client; Retry-After says how many seconds to wait',
  500: 'a fault on our side; the body carries only the request id to quote',
  502: 'the LLM failed to write the summary; the stored one is kept',
  503: 'shedding load, or the database or another service the API depends on does not answer; Retry-After says when to try again',
  504: 'the request ran out of its time; nothing of it that was not committed is kept',
};

const headerDescriptions: Record<ContractHeader, string> = {
  Location: 'the URL of what was created',
  ETag: 'a strong tag of this representation: send it back in If-None-Match to be answered 304 while it holds',
  Allow: 'the methods the path serves',
  'Retry-After': 'how many seconds to wait before trying again',
  'RateLimit-Policy': 'the per-client limit (IETF httpapi-ratelimit-headers), e.g. `"auth";q=20;w=60` or `"write";q=60;w=60`',
  RateLimit: 'what remains of it and when it resets, e.g. `"auth";r=19;t=60`',
  'Idempotency-Replayed': '`true` when this is the stored answer to an earlier request with the same Idempotency-Key',
  'WWW-Authenticate': 'the scheme to authenticate with: Bearer',
  'Content-Disposition': 'that the answer is a file to save, and its name, e.g. `attachment; filename="ratings.csv"`',
  Link: 'the next part, when there is one (RFC 8288), e.g. `</users/me/ratings/export/?after=…>; rel="next"`',
};

type HeadersObject = Record<string, { description: string; required: boolean; schema: { type: 'string' | 'integer' } }>;

const headerTypes: Partial<Record<ContractHeader, 'integer'>> = { 'Retry-After': 'integer' };

/** OpenAPI header objects: those always sent are required, the others may come. */
function headersObject(required: readonly ContractHeader[], optional: readonly ContractHeader[] = []): HeadersObject | undefined {
  const entries = [...required.map((name) => [name, true] as const), ...optional.map((name) => [name, false] as const)];
  if (entries.length === 0) return undefined;
  return Object.fromEntries(
    entries.map(([name, isRequired]) => [
      name,
      { description: headerDescriptions[name], required: isRequired, schema: { type: headerTypes[name] ?? 'string' } },
    ]),
  );
}

const RATE_LIMIT_HEADERS: readonly ContractHeader[] = ['RateLimit-Policy', 'RateLimit'];

const sizeOf = (bytes: number) => (bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`);

/** What 413 and 415 mean on a route whose body is not the usual JSON of at most 64 KiB. */
function bodyProblemDescription(route: RouteContract, status: number): string | undefined {
  if (status === 413 && route.maxBodyBytes) return `the body is over ${sizeOf(route.maxBodyBytes)}`;
  if (status === 415 && route.bodyMediaTypes)
    return `the body is not ${fileMediaTypesInWords(route.bodyMediaTypes)}, or says nothing of what it is`;
  return undefined;
}

/** Headers every error of a status carries, whatever the route. */
const errorHeaders: Record<number, { required?: ContractHeader[]; optional?: ContractHeader[] }> = {
  401: { required: ['WWW-Authenticate'] },
  405: { required: ['Allow'] },
  429: { required: ['Retry-After'] },
  503: { required: ['Retry-After'] },
};

/** A GET answering JSON is tagged by the stack; a GET of other content says whether it tags its own. */
export const isConditional = (route: RouteContract) =>
  route.conditional ?? (route.method === 'GET' && (route.response.contentType ?? JSON_CONTENT_TYPE) === JSON_CONTENT_TYPE);

/**
 * User and admin routes need a token. A public route takes one too, and refuses a bad, expired or revoked one
 * with 401 (lib/http/authenticate.ts: a client that sends a token wants it used); a public write needs it under
 * REQUIRE_AUTH_FOR_WRITES.
 */
function securityOf(route: RouteContract): RouteConfig['security'] {
  if (route.access !== 'public') return [{ [BEARER]: [] }];
  // An empty requirement says outright that no token is needed; beside bearer, that the token is optional.
  return [{}, { [BEARER]: [] }];
}

/** The error statuses a route can answer: implied by its inputs and access, plus those it declares. */
export function errorStatuses(route: RouteContract): number[] {
  const statuses = new Set<number>(route.errors ?? []);
  // Every route refuses a query parameter it does not take, so every route can answer 400.
  statuses.add(400);
  // Every route takes a token (see securityOf), so every route can refuse a bad one.
  statuses.add(401);
  if (route.access === 'admin') statuses.add(403);
  if (route.params) statuses.add(404);
  if (route.body) {
    statuses.add(413);
    statuses.add(415);
  }
  if (rateLimitOf(route)) statuses.add(429);
  if (route.idempotent) [409, 422].forEach((status) => statuses.add(status));
  // every handler that runs out of its time is answered by the stack (or serverless-offline's plugin) as a 504, and
  // every route reaches the database (its container opens it; the request counter counts each request), which may
  // not answer: 503
  [500, 503, 504].forEach((status) => statuses.add(status));
  return [...statuses].sort((a, b) => a - b);
}

/**
 * A rate-limited route tells where the client stands on every answer once its limiter has run: on its 429 always,
 * and on its successes under the /auth/* limit; an error raised before the limiter (a fault) may come without, and
 * so may any answer of the write limit, which admins are exempt from.
 */
function problemResponse(route: RouteContract | undefined, status: number) {
  const limited = route !== undefined && rateLimitOf(route) !== undefined;
  const headers = headersObject(
    [...(errorHeaders[status]?.required ?? []), ...(limited && status === 429 ? RATE_LIMIT_HEADERS : [])],
    [...(errorHeaders[status]?.optional ?? []), ...(limited && status !== 429 ? RATE_LIMIT_HEADERS : [])],
  );
  return {
    description: (route && bodyProblemDescription(route, status)) ?? problemDescriptions[status] ?? 'the request could not be served',
    ...(headers ? { headers } : {}),
    content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemDetails } },
  };
}

function successResponse(route: RouteContract, response: ResponseContract) {
  const tagged = isConditional(route) && response.status === 200;
  const limit = rateLimitOf(route);
  const headers = headersObject(
    [...(response.headers ?? []), ...(tagged ? (['ETag'] as const) : []), ...(limit === 'auth' ? RATE_LIMIT_HEADERS : [])],
    [
      ...(response.optionalHeaders ?? []),
      ...(limit === 'write' ? RATE_LIMIT_HEADERS : []),
      ...(route.idempotent ? (['Idempotency-Replayed'] as const) : []),
    ],
  );
  return {
    description: response.description,
    ...(headers ? { headers } : {}),
    ...(response.schema ? { content: { [response.contentType ?? JSON_CONTENT_TYPE]: { schema: response.schema } } } : {}),
  };
}

const capitalised = (method: string) => `${method[0]}${method.slice(1).toLowerCase()}`;

/** A route's operations, one per method it answers: its own named after its function, the others after both. */
function toOpenApiRoutes(route: RouteContract, routes: readonly RouteContract[]): RouteConfig[] {
  const operation = toOpenApiRoute(route, routes);
  return [
    operation,
    ...(route.alsoMethods ?? []).map((method) => ({
      ...operation,
      method: method.toLowerCase() as RouteConfig['method'],
      operationId: `${route.functionName}${capitalised(method)}`,
    })),
  ];
}

/**
 * The 405 a path answers to a method none of its routes serves (the catch-all's, lib/http/routeTable), declared on each
 * of its operations, since OpenAPI has no place for a method a path lacks: its Allow names the methods the path serves.
 */
function methodNotAllowedResponse(routes: readonly RouteContract[], route: RouteContract) {
  const problem = problemResponse(route, 405);
  const allow = methodsServedAt(routes, route.path).join(', ');
  return {
    ...problem,
    headers: { ...problem.headers, Allow: { ...problem.headers?.Allow, description: `${headerDescriptions.Allow}: ${allow}` } },
  };
}

/** A request body's content: JSON, or each media type a file may come as with the schema shown for it. */
function requestContentOf(route: RouteContract, body: z.ZodType) {
  if (!route.bodyMediaTypes) return { [JSON_CONTENT_TYPE]: { schema: body } };
  return Object.fromEntries(Object.entries(route.bodyMediaTypes).map(([type, schema]) => [type, { schema }]));
}

function toOpenApiRoute(route: RouteContract, routes: readonly RouteContract[]): RouteConfig {
  const responses: RouteConfig['responses'] = {};
  for (const response of [route.response, ...(route.alsoResponds ?? [])]) responses[response.status] = successResponse(route, response);
  if (isConditional(route)) {
    responses[304] = { description: 'unchanged since the tag sent in If-None-Match; no body', headers: headersObject(['ETag']) };
  }
  for (const status of errorStatuses(route)) responses[status] = problemResponse(route, status);
  responses[405] = methodNotAllowedResponse(routes, route);
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
      ...(route.idempotent ? { headers: idempotencyKeyHeader(route) } : {}),
      ...(route.body ? { body: { required: true, content: requestContentOf(route, route.body) } } : {}),
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
  if (routes.length > 0) {
    registry.registerComponent('securitySchemes', BEARER, { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  }
  for (const route of routes) for (const operation of toOpenApiRoutes(route, routes)) registry.registerPath(operation);
  const tags = [...new Set(routes.flatMap((route) => route.tags))].map((name) => ({ name }));
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
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
  return { ...document, [UNMATCHED_REQUESTS]: unmatchedResponses() };
}

/**
 * What the catch-all (API Gateway's `$default` route) answers to a request no operation matches: OpenAPI has no
 * place for it, so it goes in an extension at the root of the document, where the e2e validator reads it.
 */
export const UNMATCHED_REQUESTS = 'x-unmatched-requests';

const problemRef = { $ref: '#/components/schemas/ProblemDetails' };

function unmatchedResponses() {
  const problem = (status: number, description: string) => {
    const { headers } = problemResponse(undefined, status);
    return { description, ...(headers ? { headers } : {}), content: { [PROBLEM_CONTENT_TYPE]: { schema: problemRef } } };
  };
  return {
    // The catch-all takes a token like every route (lib/http/authenticate.ts), and refuses a bad one.
    401: problem(401, problemDescriptions[401]!),
    404: problem(404, 'no route answers this path'),
    405: problem(405, problemDescriptions[405]!),
    500: problem(500, problemDescriptions[500]!),
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
