import { retryAfter } from '../errors';

/** What the rate limiter decided, as far as the headers tell it (the throttling service's decision has this shape). */
export interface RateLimitState {
  policy: { name: string; limit: number; windowSeconds: number };
  remaining: number;
  resetSeconds: number;
  retryAfterSeconds?: number;
}

/**
 * The IETF httpapi-ratelimit-headers fields for a decision of the rate limiter (draft 08 and later):
 * `RateLimit-Policy: "auth";q=20;w=60` states the rule, `RateLimit: "auth";r=3;t=42` what remains of it
 * and when the window resets; a refused request adds `Retry-After` (RFC 9110), in seconds.
 */
export function rateLimitHeaders({ policy, remaining, resetSeconds, retryAfterSeconds }: RateLimitState): Record<string, string> {
  const name = JSON.stringify(policy.name);
  return {
    'ratelimit-policy': `${name};q=${policy.limit};w=${policy.windowSeconds}`,
    ratelimit: `${name};r=${remaining};t=${resetSeconds}`,
    ...(retryAfterSeconds === undefined ? {} : retryAfter(retryAfterSeconds)),
  };
}
