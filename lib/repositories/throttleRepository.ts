import type { Client, InStatement, ResultSet } from '@libsql/client';
import { failedAt } from './batchFailure';
import { column } from './rows';

export interface WindowCount {
  /** Hits in the current window, this one included. */
  count: number;
  windowStartMs: number;
}

export interface BackoffRule {
  /** Failures in a row admitted before any wait. */
  free: number;
  /** The first wait; each further attempt doubles it. */
  baseMs: number;
  capMs: number;
  /** A run of failures is forgotten after this long without one. */
  forgetMs: number;
}

export interface BackoffState {
  admitted: boolean;
  /** Failures in the current run. */
  count: number;
  lastHitMs: number;
}

/** The wait after `count` failures in a row. */
export const backoffWaitMs = (count: number, { free, baseMs, capMs }: BackoffRule) =>
  count < free ? 0 : Math.min(capMs, baseMs * 2 ** Math.min(count - free, 40));

/**
 * What migration 008's trigger (`008_throttle_caps`) raises when a hit would take a capped counter past its cap:
 * RAISE(ABORT), a constraint failure on both engines.
 */
const CAP_REACHED_CODES = ['SQLITE_CONSTRAINT'];

const windowCountOf = (result: ResultSet): WindowCount => {
  const row = result.rows[0]!;
  return { count: column<number>(row, 'count'), windowStartMs: column<number>(row, 'window_start_ms') };
};

/**
 * Counters by key in table throttle_counters, each change one atomic statement, so every instance
 * sharing the database counts together.
 */
export function createThrottleRepository(db: Client) {
  return {
    /** Adds `cost` hits to the key's fixed window (opened by its first hit, `windowMs` long) and answers the count. */
    async countInWindow(key: string, windowMs: number, nowMs: number, cost = 1): Promise<WindowCount> {
      const result = await db.execute({
        sql: `INSERT INTO throttle_counters (key, count, window_start_ms, last_hit_ms) VALUES (:key, :cost, :now, :now)
              ON CONFLICT (key) DO UPDATE SET
                count = CASE WHEN window_start_ms > :now - :window THEN count + :cost ELSE :cost END,
                window_start_ms = CASE WHEN window_start_ms > :now - :window THEN window_start_ms ELSE :now END,
                last_hit_ms = :now
              RETURNING count, window_start_ms`,
        args: { key, cost, now: nowMs, window: windowMs },
      });
      return windowCountOf(result);
    },

    /**
     * The statement adding `cost` hits to the key's fixed window, like countInWindow, but never past `cap`: a hit
     * beyond it aborts the statement, and with it whatever batch carries it (the work the hit pays for), leaving
     * the counter as it was. Its result reads with hitCounted.
     */
    cappedHit(key: string, windowMs: number, nowMs: number, cap: number, cost = 1): InStatement {
      return {
        sql: `INSERT INTO throttle_counters (key, count, window_start_ms, last_hit_ms, cap) VALUES (:key, :cost, :now, :now, :cap)
              ON CONFLICT (key) DO UPDATE SET
                count = CASE WHEN window_start_ms > :now - :window THEN count + :cost ELSE :cost END,
                window_start_ms = CASE WHEN window_start_ms > :now - :window THEN window_start_ms ELSE :now END,
                last_hit_ms = :now,
                cap = :cap
              RETURNING count, window_start_ms`,
        args: { key, cost, now: nowMs, window: windowMs, cap },
      };
    },

    /** Runs a statement made here (a cappedHit) on its own: a batch of one, so a failure is numbered like any batch's. */
    executeStatement: async (statement: InStatement): Promise<ResultSet> => (await db.batch([statement], 'write'))[0]!,

    /** The count a cappedHit left, from its result. */
    hitCounted: windowCountOf,

    /** Whether a batch that carried a cappedHit as its statement `at` failed because the hit would go past its cap. */
    isCapReached: (error: unknown, at: number): boolean => failedAt(error, at, CAP_REACHED_CODES),

    /** The key's window as it stands, when it has one. */
    async windowOf(key: string): Promise<WindowCount | undefined> {
      const result = await db.execute({ sql: 'SELECT count, window_start_ms FROM throttle_counters WHERE key = ?', args: [key] });
      return result.rows.length === 0 ? undefined : windowCountOf(result);
    },

    /**
     * The key's run as it stands: whether an attempt is admitted now (fewer than `free` failures in a row, a run
     * forgotten, or its wait over) and what it counts. Reading counts nothing: only a failure, once known, is recorded.
     */
    async backoffState(key: string, rule: BackoffRule, nowMs: number): Promise<BackoffState> {
      const result = await db.execute({ sql: 'SELECT count, last_hit_ms FROM throttle_counters WHERE key = ?', args: [key] });
      const row = result.rows[0];
      if (!row) return { admitted: true, count: 0, lastHitMs: nowMs };
      const [count, lastHitMs] = [column<number>(row, 'count'), column<number>(row, 'last_hit_ms')];
      const forgotten = lastHitMs <= nowMs - rule.forgetMs;
      return { admitted: forgotten || nowMs >= lastHitMs + backoffWaitMs(count, rule), count, lastHitMs };
    },

    /** Counts one more failure in the key's run (a new run when the last was forgotten), in one atomic statement. */
    async recordFailure(key: string, rule: BackoffRule, nowMs: number): Promise<void> {
      await db.execute({
        sql: `INSERT INTO throttle_counters (key, count, window_start_ms, last_hit_ms) VALUES (:key, 1, :now, :now)
              ON CONFLICT (key) DO UPDATE SET
                count = CASE WHEN last_hit_ms <= :now - :forget THEN 1 ELSE count + 1 END,
                window_start_ms = CASE WHEN last_hit_ms <= :now - :forget THEN :now ELSE window_start_ms END,
                last_hit_ms = :now`,
        args: { key, now: nowMs, forget: rule.forgetMs },
      });
    },

    async clear(key: string): Promise<void> {
      await db.execute({ sql: 'DELETE FROM throttle_counters WHERE key = ?', args: [key] });
    },

    /** Drops counters no hit has touched since `beforeMs`. */
    async prune(beforeMs: number): Promise<void> {
      await db.execute({ sql: 'DELETE FROM throttle_counters WHERE last_hit_ms < ?', args: [beforeMs] });
    },
  };
}

export type ThrottleRepository = ReturnType<typeof createThrottleRepository>;
