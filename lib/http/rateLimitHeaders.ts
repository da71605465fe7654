import type { RateLimitDecision } from '../schemas/rateLimits';

/** The Retry-After header (RFC 9110) of a refusal that says when to come back: whole seconds, at least one. */
export const retryAfter = (seconds: number): Record<string, string> => ({ 'retry-after': String(Math.max(1, Math.ceil(seconds))) });

/**
 * The IETF httpapi-ratelimit-headers fields for a decision of the rate limiter (draft 08 and later):
 * `RateLimit-Policy: "auth";q=20;w=60` states the rule, `RateLimit: "auth";r=3;t=42` what remains of it
 * and when the window resets; a refused request adds `Retry-After` (RFC 9110), in seconds.
 */
export function rateLimitHeaders({ policy, remaining, resetSeconds, retryAfterSeconds }: RateLimitDecision): Record<string, string> {
  const name = JSON.stringify(policy.name);
  return {
    'ratelimit-policy': `${name};q=${policy.limit};w=${policy.windowSeconds}`,
    ratelimit: `${name};r=${remaining};t=${resetSeconds}`,
    ...(retryAfterSeconds === undefined ? {} : retryAfter(retryAfterSeconds)),
  };
}
