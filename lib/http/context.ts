import type { Request as MiddyRequest } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { AppLogger } from '../logger';
import type { CappedHit, LeadingStatement, RequestDuties } from '../requestDuties';
import type { AuthUser } from '../schemas/identity';
import type { RateLimitDecision, WindowPolicy } from '../schemas/rateLimits';
import type { RouteContract } from '../schemas/routes/contract';
import type { RouteInput } from './route';

/**
 * What the HTTP stack itself needs of the container, and nothing more: lib/http knows no service by name, so the
 * container (any object of this shape) is handed to it by functions/.
 */
export interface StackServices {
  logger: AppLogger;
  config: {
    auth: { requireAuthForWrites: boolean };
    throttling: { authRatePerMinute: number; writeRatePerMinute: number; writeWindowSeconds: number };
  };
  rateLimiter: {
    consume(policy: WindowPolicy, client: string): Promise<RateLimitDecision>;
    capped(policy: WindowPolicy, client: string): CappedHit;
  };
  auth: {
    authenticate(accessToken: string): Promise<AuthUser>;
    /** The caller a valid access token claims to be, and the guard by which the request's database call proves it live. */
    claimedCaller(accessToken: string): Promise<{ user: AuthUser; liveness: LeadingStatement }>;
  };
  /** What the request owes its database: the stack says what, the request's own calls carry it. */
  requestDatabase: RequestDuties;
  idempotencyKeys: IdempotencyStore;
  /** The services of one request, its calls over a database handle of its own (the container's forRequest). */
  forRequest(request: { requestId: string }): StackServices;
}

/** Whose Idempotency-Key it is: the caller (a user, else a source IP) and the route it was sent to. */
export interface IdempotencyScope {
  caller: string;
  route: string;
  key: string;
}

export interface StoredAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | undefined;
}

/** Where Idempotency-Keys and their answers are kept (the container's is table idempotency_keys). */
export interface IdempotencyStore {
  claim(
    scope: IdempotencyScope,
    options: { requestHash: string; nowMs: number; lockMs: number; ttlMs: number },
  ): Promise<{ claimed: true } | { claimed: false; requestHash: string; response?: StoredAnswer }>;
  complete(scope: IdempotencyScope, response: StoredAnswer): Promise<void>;
  release(scope: IdempotencyScope): Promise<void>;
  prune(nowMs: number): Promise<void>;
}

/**
 * What each stage of the stack adds to Lambda's context, by stage name. lib/http/stack.ts orders the stages; a
 * middleware names the stages it needs, and those are guaranteed present in its `before` and `after` (a unit test
 * checks that every stage a layer needs is given by a layer before it). Anything else may be read, as optional.
 */
export interface StageFields {
  /** The request's services (the container's, for this request). */
  services: { services: StackServices };
  /** RateLimit-Policy and RateLimit for this request, on a route with a per-client limit. */
  clientLimit: { rateLimitHeaders: Record<string, string> };
  /** The caller, when a valid bearer token came with the request. */
  caller: { user: AuthUser | undefined };
  /** This request's hit of the per-client write limit (a write route, a caller not an admin); the handler's first write carries it. */
  writeLimit: { writeLimit: CappedHit | undefined };
  /** The request body as parsed: JSON, or the text of a text body. */
  body: { body: unknown };
  /** What the handler receives: validated, typed input and the request facts it may need. */
  input: { input: RouteInput<RouteContract> };
  /** The key this request claimed (its answer is stored under it), or the stored answer of a replay to give instead. */
  idempotency: { idempotencyScope: IdempotencyScope | undefined; replay: APIGatewayProxyStructuredResultV2 | undefined };
}

export type StageName = keyof StageFields;

type Fields<N extends StageName> = { [K in N]: (x: StageFields[K]) => void }[N] extends (x: infer I) => void ? I : never;

/** What createHttpHandler puts on each request's context before the stack runs. */
export interface RequestFacts {
  /** The id this request is known by in its logs and its 5xx body (lib/http/requestId.ts). */
  requestId: string;
}

/** Every field any stage adds, each optional: what any middleware may read, and what the error path may find. */
export type HttpContext = Context & RequestFacts & Partial<Fields<StageName>>;

/** The context once the stages `N` have run: their fields present, any other still optional. */
export type ContextAfter<N extends StageName> = HttpContext & ([N] extends [never] ? unknown : Fields<N>);

type Request<C extends Context> = MiddyRequest<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, C>;
type Step<C extends Context> = (request: Request<C>) => unknown;

/** A request as a middleware sees it once the stages `N` have run. */
export type HttpRequest<N extends StageName = never> = Request<ContextAfter<N>>;

/**
 * A middleware of the stack that needs the stages `Needs` (given by earlier layers): present in its `before` and
 * `after`. Its `onError` runs whatever failed, wherever, so it finds every stage optional.
 */
export interface HttpMiddleware<Needs extends StageName = never> {
  before?: Step<ContextAfter<Needs>>;
  after?: Step<ContextAfter<Needs>>;
  onError?: Step<HttpContext>;
}
