import middy, { type MiddyHandlerObject } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { chargeFirstWrite, currentRequestId, serveRequest } from '../requestGuard';
import { authenticate } from './authenticate';
import { confirmSignIn } from './confirmSignIn';
import type { HttpContext, HttpMiddleware, StackServices } from './context';
import { entityTags } from './entityTag';
import { jsonBodyParser, limitBodySize } from './jsonBody';
import { idempotency } from './idempotency';
import { limitClients } from './limitClients';
import { chargeOf, limitWrites } from './limitWrites';
import { problemJsonErrors } from './problemJsonErrors';
import { HttpReply } from './reply';
import { countRequests } from './requestCounter';
import { requestIdOf } from './requestId';
import { requestLog } from './requestLog';
import { requireJsonContentType } from './requireJsonContentType';
import { securityHeaders } from './securityHeaders';
import type { RouteContract } from '../schemas/routes/contract';
import type { RouteInput, RouteResult } from './route';
import { validateRequest } from './validateRequest';

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

export type { HttpContext, StackServices } from './context';

type Middleware = HttpMiddleware;

/** A route's handler: its validated input, and the dependencies it names (a Pick of the container's services). */
export type RouteImplementation<R extends RouteContract, D extends object = object> = (
  input: RouteInput<R>,
  dependencies: D,
) => Promise<RouteResult<R>>;

/** A handler reaches data through repositories and services only: one that names the raw client does not compile. */
type WithoutRawDatabase<R extends RouteContract, D extends object> = 'db' extends keyof D
  ? 'a handler may not depend on the raw database client (db)'
  : RouteImplementation<R, D>;

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
/** How long before the function's timeout an unfinished handler is answered 504. */
const TIMEOUT_MARGIN_MS = 500;

/** Dependencies are built once per container and handed to every invocation. */
const provideServices = (provide: () => Promise<StackServices>): Middleware => ({
  before: async (request) => {
    request.context.services = await provide();
  },
});

/** Only a route that takes a body reads one; any other ignores what came, as HTTP lets it. */
const bodyOf = (route: RouteContract): Middleware[] => (route.body ? [limitBodySize(), requireJsonContentType(), jsonBodyParser()] : []);

const requestValidator = (route: RouteContract): Middleware => ({
  before: (request) => {
    const headers = Object.fromEntries(Object.entries(request.event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    request.context.input = {
      ...validateRequest(route, request.event, request.context.jsonBody),
      requestId: currentRequestId() ?? requestIdOf(request.event, request.context),
      method: request.event.requestContext.http.method,
      path: request.event.rawPath,
      headers,
      user: request.context.user,
    };
  },
});

function toResult(value: unknown, route: RouteContract): Result {
  const reply = value instanceof HttpReply ? value : new HttpReply(route.response.status, value);
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.body === undefined) return { statusCode: reply.statusCode, headers };
  headers['content-type'] ??= JSON_CONTENT_TYPE;
  // API Gateway carries binary bodies (images) as base64.
  if (Buffer.isBuffer(reply.body))
    return { statusCode: reply.statusCode, headers, body: reply.body.toString('base64'), isBase64Encoded: true };
  const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  return { statusCode: reply.statusCode, headers, body };
}

/**
 * The Lambda entry for one route: the shared middy stack around a handler that receives validated input and its
 * dependencies, and returns a plain value or an HttpReply. `provide` is the container (functions/ passes
 * getServices; tests their own), built once per Lambda container.
 */
export function createHttpHandler<R extends RouteContract, D extends object>(
  route: R,
  implementation: WithoutRawDatabase<R, D>,
  provide: () => Promise<StackServices & NoInfer<D>>,
) {
  // A handler still running this close to the function's timeout is stopped (its signal aborted, so queued
  // work is dropped) and answered 504 problem+json, rather than killed by Lambda with no answer of ours.
  const stack = middy<Event, Result, Error, HttpContext>({ timeoutEarlyInMillis: TIMEOUT_MARGIN_MS })
    .use(requestLog(route))
    .use(securityHeaders())
    // Attached after securityHeaders so that its `after` runs first and a 304 it makes still gets them.
    .use(entityTags(route))
    .use(provideServices(provide))
    // Counted before authentication, so a refused token is a request served like any other.
    .use(countRequests())
    // Before authentication and parsing, so a flood of bad tokens or garbage counts against its sender too.
    .use(limitClients(route))
    .use(authenticate(route))
    // After authentication, which names the client; its count rides on the handler's first write.
    .use(limitWrites(route))
    .use(bodyOf(route))
    .use(requestValidator(route))
    .use(idempotency(route))
    .use(problemJsonErrors())
    .use(confirmSignIn())
    .handler(async (_event, { input, services: built, replay, writeLimit }, { signal }) => {
      if (replay) return replay;
      if (!input || !built) throw new Error('the middleware stack did not prepare the request');
      const handle = () =>
        (implementation as RouteImplementation<R, D>)({ ...input, signal } as unknown as RouteInput<R>, built as unknown as D);
      // The handler's first write pays the request's write-limit count, in its own batch.
      return toResult(await (writeLimit ? chargeFirstWrite(chargeOf(writeLimit), handle) : handle()), route);
    });
  // Every line logged while this request is served, wherever it is logged from, carries its id.
  return (event: Event, context: Context, options?: MiddyHandlerObject): Promise<Result> =>
    serveRequest(
      requestIdOf(event, context),
      async () => (await (options ? stack(event, context, options) : stack(event, context))) as Result,
    );
}
