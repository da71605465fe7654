import middy, { type MiddyHandlerObject, type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { RouteContract } from '../schemas/routes/contract';
import type { ContextAfter, HttpContext, StackServices } from './context';
import { chargeOf } from './limitWrites';
import { HttpReply } from './reply';
import { requestIdOf } from './requestId';
import type { RouteInput, RouteResult } from './route';
import { stackOf } from './stack';

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

export type { HttpContext, StackServices } from './context';

/** A route's handler: its validated input, and the dependencies it names (a Pick of the container's services). */
export type RouteImplementation<R extends RouteContract, D extends object = object> = (
  input: RouteInput<R>,
  dependencies: D,
) => Promise<RouteResult<R>>;

/** A handler reaches data through services only: one that names the raw client does not compile. */
type WithoutRawDatabase<R extends RouteContract, D extends object> = 'db' extends keyof D
  ? 'a handler may not depend on the raw database client (db)'
  : RouteImplementation<R, D>;

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
/** How long before the function's timeout an unfinished handler is answered 504. */
const TIMEOUT_MARGIN_MS = 500;

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
 * The Lambda entry for one route: the stack of lib/http/stack.ts around a handler that receives validated input and
 * its dependencies, and returns a plain value or an HttpReply. `provide` is the container (functions/ pass
 * `servicesFor(route)`; tests their own), built once per Lambda container.
 */
export function createHttpHandler<R extends RouteContract, D extends object>(
  route: R,
  implementation: WithoutRawDatabase<R, D>,
  provide: () => Promise<StackServices & NoInfer<D>>,
) {
  const handle = implementation as RouteImplementation<R, D>;
  // A handler still running this close to the function's timeout is stopped (its signal aborted, so queued
  // work is dropped) and answered 504 problem+json, rather than killed by Lambda with no answer of ours.
  const stack = middy<Event, Result, Error, HttpContext>({ timeoutEarlyInMillis: TIMEOUT_MARGIN_MS });
  for (const layer of stackOf(route, provide)) {
    for (const middleware of layer.middlewares) stack.use(middleware as MiddlewareObj<Event, Result, Error, HttpContext>);
  }
  const handler = stack.handler(async (_event, context, { signal }) => {
    // Every stage has run: the order of stackOf guarantees what the handler reads.
    const { input, services, replay, writeLimit } = context as ContextAfter<'services' | 'input' | 'idempotency' | 'writeLimit'>;
    if (replay) return replay;
    const run = () => handle({ ...input, signal } as unknown as RouteInput<R>, services as unknown as D);
    // The handler's first write pays the request's write-limit count, in its own batch.
    return toResult(await (writeLimit ? services.requestDatabase.chargeFirstWrite(chargeOf(writeLimit), run) : run()), route);
  });
  return async (event: Event, context: Context, options?: MiddyHandlerObject): Promise<Result> => {
    // The request's context: the stages write what they learn (the caller, the input) on it, and provideServices puts
    // the request's own services there. Lambda's own object may be handed to another request (serverless-offline, a
    // harness), before or while this one runs: each request writes on an object of its own, which still reads through
    // to Lambda's (its remaining time).
    const own: HttpContext = Object.assign(Object.create(context) as Context, { requestId: requestIdOf(event, context) });
    return (await (options ? handler(event, own, options) : handler(event, own))) as Result;
  };
}
