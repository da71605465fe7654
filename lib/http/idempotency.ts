import { createHash } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { BadRequest, Conflict, UnprocessableContent } from '../errors';
import type { HttpContext, HttpMiddleware, IdempotencyScope } from './context';
import type { RouteContract } from '../schemas/routes/contract';

/** 1 to 255 visible ASCII characters (docs/USAGE.md, Safe retries). */
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Longer than any function's timeout: a claim older than this belongs to a request that died. */
const LOCK_MS = 60_000;
/** The answer's own headers worth replaying; security and rate-limit headers are made afresh for each request. */
const REPLAYED_HEADERS = ['content-type', 'location', 'etag'];
const PRUNE_ONE_IN = 500;

/** JSON with every object's keys in order, so two bodies that say the same thing have the same fingerprint. */
const canonicalJson = (value: unknown): string => {
  // A file's bytes (an import), as one string rather than an object of a million numbered keys.
  if (value instanceof Uint8Array) return JSON.stringify(Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64'));
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
};

/** The request's body as parsed (the stack has replaced the raw one by then), fingerprinted. */
const fingerprint = (jsonBody: unknown) =>
  createHash('sha256')
    .update(jsonBody === undefined ? '' : canonicalJson(jsonBody))
    .digest('base64url');

/** A 5xx, or a 429 (throttled before any work), is worth redoing on a retry; any other answer is the answer. */
const isFinal = (status: number) => status < 500 && status !== 429;

/**
 * Safe retries for a route that declares `idempotent: true`. The first request with an Idempotency-Key claims
 * it in the database (so it holds across instances), scoped to the caller (the user, else the source IP) and
 * the route; its answer is stored for 24 hours. A repeat with the same body is answered the stored response
 * with `Idempotency-Replayed: true` and changes nothing; another body is a 422; a repeat while the first is
 * still in flight is a 409. Runs after validation, so a request refused as invalid claims nothing, nor does a dry
 * run (the route's `dryRunParam`).
 */
export function idempotency(route: RouteContract, now: () => number = Date.now): HttpMiddleware<'services' | 'caller' | 'body' | 'input'> {
  if (!route.idempotent) return { before: () => undefined };
  const settle = async ({ context, response }: { context: HttpContext; response?: APIGatewayProxyStructuredResultV2 | null }) => {
    const scope = context.idempotencyScope;
    const keys = context.services?.idempotencyKeys;
    if (!scope || !keys) return;
    context.idempotencyScope = undefined;
    const status = response?.statusCode ?? 500;
    if (!response || !isFinal(status)) return keys.release(scope);
    const headers = Object.fromEntries(
      Object.entries(response.headers ?? {})
        .filter(([name]) => REPLAYED_HEADERS.includes(name.toLowerCase()))
        .map(([k, v]) => [k, String(v)]),
    );
    await keys.complete(scope, { status, headers, body: response.body });
  };
  return {
    before: async (request) => {
      const key = request.event.headers?.['idempotency-key'];
      if (key === undefined) return;
      if (!VALID_KEY.test(key)) {
        throw new BadRequest('invalid Idempotency-Key', [
          { path: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' },
        ]);
      }
      const { services, user, input } = request.context;
      const query = input.query as Record<string, unknown> | undefined;
      // A dry run stores nothing, so there is nothing to replay: it is answered afresh and leaves the key to the real run.
      if (route.dryRunParam && query?.[route.dryRunParam] === true) return;
      const scope: IdempotencyScope = {
        caller: user ? `user:${user.id}` : `ip:${request.event.requestContext.http.sourceIp}`,
        route: `${route.method} ${route.path}`,
        key,
      };
      const at = now();
      // The query is part of what was asked, as validated, so `?dry_run=false` and no dry_run are one request.
      const requestHash = fingerprint(
        query && Object.keys(query).length > 0 ? { body: request.context.body, query } : request.context.body,
      );
      const claim = await services.idempotencyKeys.claim(scope, { requestHash, nowMs: at, lockMs: LOCK_MS, ttlMs: DAY_MS });
      if (Math.random() * PRUNE_ONE_IN < 1) await services.idempotencyKeys.prune(at);
      if (claim.claimed) {
        request.context.idempotencyScope = scope;
        return;
      }
      if (claim.requestHash !== requestHash) throw new UnprocessableContent('this Idempotency-Key was used with another request body');
      if (!claim.response) throw new Conflict('a request with this Idempotency-Key is still being processed; retry shortly');
      request.context.replay = {
        statusCode: claim.response.status,
        headers: { ...claim.response.headers, 'idempotency-replayed': 'true' },
        ...(claim.response.body === undefined ? {} : { body: claim.response.body }),
      };
    },
    after: settle,
    onError: settle,
  };
}
