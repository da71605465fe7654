import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { Throttled } from '../errors';
import type { CappedHit, LeadingStatement } from '../requestDuties';
import type { RateLimitDecision } from '../schemas/rateLimits';
import type { HttpMiddleware } from './context';
import { rateLimitHeaders } from './rateLimitHeaders';
import { rateLimitOf, type RouteContract } from '../schemas/routes/contract';

type Response = APIGatewayProxyStructuredResultV2 | null | undefined;

const tooManyWrites = (decision: RateLimitDecision) =>
  new Throttled('too many writes from this client; see Retry-After', decision.retryAfterSeconds ?? decision.resetSeconds, decision);

/** The hit as the charge of the request's first write: counted in the write's own batch, refusing it past the limit. */
export const chargeOf = (hit: CappedHit): LeadingStatement => ({
  statement: hit.statement,
  accepted: (result) => void hit.carried(result),
  refusal: async (error, at) => {
    const refused = await hit.refusal(error, at);
    return refused && tooManyWrites(refused);
  },
});

function addHeaders(response: Response, decision: RateLimitDecision | undefined) {
  if (response && decision) response.headers = { ...response.headers, ...rateLimitHeaders(decision) };
}

/**
 * The per-client write limit (WRITE_RATE_PER_MINUTE) of every route rateLimitOf calls 'write': each write
 * request counts, per signed-in user or else per source IP, in a window kept in the database. The count rides on
 * the request's first write (no round trip of its own); past the limit that write rolls back and the answer is 429
 * with Retry-After. A request that writes nothing (refused input, an unknown id) is counted once it is answered.
 * Admins are exempt. Every answer of a counted request says where its client stands (RateLimit-Policy, RateLimit).
 */
export function limitWrites(route: RouteContract): HttpMiddleware<'services' | 'caller'> {
  if (rateLimitOf(route) !== 'write') return { before: () => undefined };
  return {
    // After authentication: the signed-in user is the client when there is one.
    before: (request) => {
      const { services, user } = request.context;
      if (user?.role === 'admin') return;
      const { writeRatePerMinute, writeWindowSeconds } = services.config.throttling;
      const client = user ? `user:${user.id}` : `ip:${request.event.requestContext.http.sourceIp}`;
      const hit = services.rateLimiter.capped({ name: 'write', limit: writeRatePerMinute, windowSeconds: writeWindowSeconds }, client);
      request.context.writeLimit = hit;
    },
    after: async (request) => {
      const hit = request.context.writeLimit;
      if (!hit) return;
      const decision = hit.decision ?? (await hit.countAlone());
      if (!decision.allowed) throw tooManyWrites(decision);
      addHeaders(request.response, decision);
    },
    onError: async (request) => {
      const hit = request.context.writeLimit;
      if (!hit) return;
      // A failed request counts too; if counting it fails as well, the first failure is the one to answer.
      const decision = hit.decision ?? (await hit.countAlone().catch(() => undefined));
      addHeaders(request.response, decision);
    },
  };
}
