import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { AppLogger } from '../logger';
import type { CappedHit, LeadingStatement } from '../requestGuard';
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
  requestCounter: { count(): Promise<void> };
  rateLimiter: {
    consume(policy: WindowPolicy, client: string): Promise<RateLimitDecision>;
    capped(policy: WindowPolicy, client: string): CappedHit;
  };
  auth: {
    authenticate(accessToken: string): Promise<AuthUser>;
    /** The caller a valid access token claims to be, and the guard by which the request's database call proves it live. */
    claimedCaller(accessToken: string): Promise<{ user: AuthUser; liveness: LeadingStatement }>;
  };
  /** Confirms the request's sign-in when no database call has (lib/requestGuard). */
  requestGuard: { confirmSignIn(): Promise<void> };
  idempotencyKeys: IdempotencyStore;
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

/** Lambda's context plus what the stack's middlewares add to it before the handler runs. */
export interface HttpContext extends Context {
  services?: StackServices;
  jsonBody?: unknown;
  /** The caller, when a valid bearer token came with the request. */
  user?: AuthUser;
  input?: RouteInput<RouteContract>;
  /** This request's increment of the request counter, settled before the answer leaves. */
  counted?: Promise<void>;
  /** The key this request claimed, when it came with an Idempotency-Key; its answer is stored under it. */
  idempotencyScope?: IdempotencyScope;
  /** The stored answer to give instead of running the handler: a replay of an Idempotency-Key. */
  replay?: APIGatewayProxyStructuredResultV2;
  /** RateLimit-Policy and RateLimit for this request, on a route with a per-client limit. */
  rateLimitHeaders?: Record<string, string>;
  /** This request's hit of the per-client write limit (a write route, a caller not an admin); the handler's first write carries it. */
  writeLimit?: CappedHit;
}

/** A middleware of the stack. */
export type HttpMiddleware = MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, HttpContext>;
