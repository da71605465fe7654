/**
 * The shapes of the API's rate limits (docs/USAGE.md, Throttling): a rule, and where a client stands against it. The
 * throttling service decides; the HTTP stack turns a decision into RateLimit-Policy, RateLimit and Retry-After.
 */

/** A rule of the rate limiter: `limit` hits per `windowSeconds`, per client. `name` keys the counters and the headers. */
export interface WindowPolicy {
  name: string;
  limit: number;
  windowSeconds: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  policy: WindowPolicy;
  /** Hits left in the window. */
  remaining: number;
  /** Seconds until the window ends. */
  resetSeconds: number;
  /** Set when refused: seconds to wait. */
  retryAfterSeconds?: number;
}
