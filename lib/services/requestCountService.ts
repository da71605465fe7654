import { DatabaseUnavailable } from '../errors';
import type { AppLogger } from '../logger';
import type { RequestCountRepository } from '../repositories/requestCountRepository';
import type { OwedCount } from '../requestDuties';

/** Enough rows that concurrent instances seldom wait on the same one; few enough that a sum is instant. */
export const REQUEST_COUNT_SHARDS = 16;

export interface RequestCounterOptions {
  counter: RequestCountRepository;
  logger: AppLogger;
  shards?: number;
  random?: () => number;
  /**
   * The increments in flight in this container, shared by the counters it builds for each request, so a reset or a
   * total waits for every one of them.
   */
  pending?: Set<Promise<void>>;
}

/**
 * Counts the requests served, in the database rather than in memory, so every instance adds to one
 * total. Counting never fails a request: an increment that cannot be stored is logged and dropped.
 */
export function createRequestCountService({
  counter,
  logger,
  shards = REQUEST_COUNT_SHARDS,
  random = Math.random,
  pending = new Set<Promise<void>>(),
}: RequestCounterOptions) {
  const shard = () => Math.floor(random() * shards);
  /** Follows an increment until stored (or its failure logged): it never rejects. */
  const track = (sent: Promise<unknown>): Promise<void> => {
    const increment = sent
      .then(() => undefined)
      // An outage is logged once by the database client, not once per request counted.
      .catch((error: unknown) =>
        error instanceof DatabaseUnavailable ? undefined : logger.error('could not count the request', { error }),
      )
      .finally(() => pending.delete(increment));
    pending.add(increment);
    return increment;
  };
  return {
    /** Adds one to a random shard; resolves once it is stored (or its failure logged), never rejects. */
    count(): Promise<void> {
      return track(counter.increment(shard()));
    },

    /** The increment a request owes, for its database handle to send in the request's first call or alone. */
    owed(): OwedCount {
      return { statement: counter.incrementStatement(shard()), track };
    },

    /**
     * Zero from here on. This container's increments in flight, the resetting request's own among them,
     * land first, so they belong to the count being cleared rather than the next one.
     */
    async reset(): Promise<void> {
      await Promise.all(pending);
      await counter.reset();
    },

    /** Every request counted so far, this container's increments in flight (the asking request's own) included. */
    async total(): Promise<number> {
      await Promise.all(pending);
      return counter.total();
    },
  };
}

export type RequestCountService = ReturnType<typeof createRequestCountService>;
