import type { InStatement, ResultSet } from '@libsql/client';
import type { RateLimitDecision } from './schemas/rateLimits';

/**
 * What a request owes its database, paid by its own first call(s) rather than by round trips of their own: the
 * sign-in's liveness guard, the write limit's charge, the request counter's increment. Types only, shared by the
 * request's database handle (lib/db/requestDatabase.ts) that carries them, the HTTP stack that says what is owed and
 * the services that make the statements.
 */

/** A statement that leads a request's database call: the sign-in's guard, or a write's charge. */
export interface LeadingStatement {
  readonly statement: InStatement;
  /** Its result, once the call it led has committed. */
  accepted(result: ResultSet): void;
  /**
   * What to throw instead of `error` when the call it led (as its statement `at`) failed because of it; undefined when
   * the failure was not its own.
   */
  refusal(error: unknown, at: number): Promise<Error | undefined>;
}

/**
 * A hit of a capped rate limit (the per-client write limit, the LLM budget): counted by its statement, carried by the
 * work it pays for or counted alone. Past the cap the statement fails, so a refused hit counts for nothing.
 */
export interface CappedHit {
  readonly statement: InStatement;
  /** Where the client stands once the hit was counted or refused; undefined before. */
  readonly decision: RateLimitDecision | undefined;
  /** Reads the result of the statement, committed with the work. */
  carried(result: ResultSet): RateLimitDecision;
  /**
   * The refusal, when a call carrying the hit as its statement `at` failed because the limit was reached; undefined for
   * any other failure.
   */
  refusal(error: unknown, at: number): Promise<RateLimitDecision | undefined>;
  /** Counts the hit on its own, for a request that made no write. */
  countAlone(): Promise<RateLimitDecision>;
}

/** The request counter's increment a request owes: one statement, and what to do with its outcome. */
export interface OwedCount {
  readonly statement: InStatement;
  /** Follows the increment once sent (in a call of the request's, or alone) until stored; never rejects. */
  track(sent: Promise<unknown>): Promise<void>;
}

/** What the HTTP stack asks of a request's database handle: it says what is owed, the handle's calls carry it. */
export interface RequestDuties {
  /** The caller's sign-in is to be confirmed live by the request's next call (and each after it, until one has). */
  guardSignIn(guard: LeadingStatement): void;
  /** Runs `work` (the route's handler) so that its first write pays `charge`, at the head of that write, once. */
  chargeFirstWrite<T>(charge: LeadingStatement, work: () => Promise<T>): Promise<T>;
  /** Confirms the sign-in if no call has yet (carrying the increment, if still owed): a round trip of its own. */
  confirmSignIn(): Promise<void>;
  /** The increment, sent alone if no call carried it, and stored: awaited before the answer leaves. */
  settleCount(): Promise<void>;
}
