import type { CappedHit } from '../requestDuties';
import type { RateLimitDecision, WindowPolicy } from '../schemas/rateLimits';
import { backoffWaitMs, type ThrottleRepository, type WindowCount } from '../repositories/throttleRepository';

/**
 * The API's one throttling mechanism, over counters in the database (so it holds across instances and
 * restarts): a fixed-window rate limiter for "N per window per client" rules and budgets, and a
 * consecutive-failure backoff for guessing. lib/http/rateLimitHeaders turns a decision into headers.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
/** One consume in this many also prunes counters idle for a day, so the table stays small without a scheduler. */
const PRUNE_ONE_IN = 500;

const secondsUntil = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export interface ThrottlingDependencies {
  throttle: ThrottleRepository;
  /** Milliseconds since the epoch; tests move it by hand. */
  now?: () => number;
}

export function createRateLimiter({ throttle, now = Date.now }: ThrottlingDependencies) {
  const decide = (policy: WindowPolicy, { count, windowStartMs }: WindowCount, at: number): RateLimitDecision => {
    const resetSeconds = secondsUntil(windowStartMs + policy.windowSeconds * 1000 - at);
    const allowed = count <= policy.limit;
    return {
      allowed,
      policy,
      remaining: Math.max(0, policy.limit - count),
      resetSeconds,
      ...(allowed ? {} : { retryAfterSeconds: resetSeconds }),
    };
  };
  const maybePrune = async (at: number) => {
    if (Math.random() * PRUNE_ONE_IN < 1) await throttle.prune(at - DAY_MS);
  };

  return {
    /** Counts `cost` hits of `client` against `policy`, and says whether they are allowed. */
    async consume(policy: WindowPolicy, client: string, cost = 1): Promise<RateLimitDecision> {
      const at = now();
      const counted = await throttle.countInWindow(`${policy.name}:${client}`, policy.windowSeconds * 1000, at, cost);
      await maybePrune(at);
      return decide(policy, counted, at);
    },

    /** A hit of `client` against `policy` that never goes past its limit, to be carried by the work it pays for. */
    capped(policy: WindowPolicy, client: string, cost = 1): CappedHit {
      const at = now();
      const key = `${policy.name}:${client}`;
      const windowMs = policy.windowSeconds * 1000;
      const statement = throttle.cappedHit(key, windowMs, at, policy.limit, cost);
      let decision: RateLimitDecision | undefined;
      const hit: CappedHit = {
        statement,
        get decision() {
          return decision;
        },
        carried(result) {
          decision = decide(policy, throttle.hitCounted(result), at);
          return decision;
        },
        async refusal(error, position) {
          if (!throttle.isCapReached(error, position)) return undefined;
          // The window cannot have gone meanwhile but by pruning; then a whole one is the honest wait.
          const window = (await throttle.windowOf(key)) ?? { count: policy.limit, windowStartMs: at };
          await maybePrune(at);
          decision = decide(policy, { ...window, count: Math.max(window.count, policy.limit) + cost }, at);
          return decision;
        },
        async countAlone() {
          try {
            return hit.carried(await throttle.executeStatement(statement));
          } catch (error) {
            // Alone, the hit is the first statement of its call.
            const refused = await hit.refusal(error, 0);
            if (!refused) throw error;
            return refused;
          }
        },
      };
      return hit;
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;

export interface FailureBackoffOptions extends ThrottlingDependencies {
  /** Failures in a row admitted before the first wait. */
  maxFailures: number;
  baseWaitSeconds?: number;
  maxWaitSeconds?: number;
  /** A run of failures is forgotten after this long without one. */
  forgetAfterSeconds?: number;
}

export type Admission = { admitted: true } | { admitted: false; retryAfterSeconds: number };

/**
 * Consecutive-failure backoff (rate-limiter-flexible's login-protection pattern): after `maxFailures` failures in a
 * row each attempt waits, the wait doubling with each further failure, up to `maxWaitSeconds`; a success clears the
 * run. Only a failure counts, recorded once it is known (a wrong password), never an attempt as such: concurrent right
 * passwords, or attempts shed before their check, are never taken for guesses. A burst of guesses admitted together
 * is bounded by what checks them (the per-instance hashing gate, the per-client /auth/* limit) and each of its
 * failures is counted, so the run's wait grows with all of them. A refused attempt costs one read.
 */
export function createFailureBackoff({
  throttle,
  maxFailures,
  baseWaitSeconds = 1,
  maxWaitSeconds = 15 * 60,
  forgetAfterSeconds = 24 * 60 * 60,
  now = Date.now,
}: FailureBackoffOptions) {
  const rule = { free: maxFailures, baseMs: baseWaitSeconds * 1000, capMs: maxWaitSeconds * 1000, forgetMs: forgetAfterSeconds * 1000 };
  return {
    async admit(key: string): Promise<Admission> {
      const at = now();
      const state = await throttle.backoffState(`backoff:${key}`, rule, at);
      if (state.admitted) return { admitted: true };
      return { admitted: false, retryAfterSeconds: secondsUntil(state.lastHitMs + backoffWaitMs(state.count, rule) - at) };
    },

    async failed(key: string): Promise<void> {
      await throttle.recordFailure(`backoff:${key}`, rule, now());
    },

    async succeeded(key: string): Promise<void> {
      await throttle.clear(`backoff:${key}`);
    },
  };
}

export type FailureBackoff = ReturnType<typeof createFailureBackoff>;
