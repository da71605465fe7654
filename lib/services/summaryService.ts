import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { capSummary, factsOf, type SummaryGenerator } from '../llm/summaryGenerator';
import type { AppLogger } from '../logger';
import { notFound, ServiceBusy, UpstreamFailed } from '../errors';
import type { MovieSummariesRepository, NewSummary, StoredSummary } from '../repositories/movieSummariesRepository';
import type { Movie } from '../schemas/movies';
import type { RateLimitDecision } from '../schemas/rateLimits';

/** LLM_MAX_CALLS_PER_HOUR, counted across every instance: each spend() is one generation, allowed or not. */
export interface CallBudget {
  spend(): Promise<RateLimitDecision>;
}

export interface SummaryServiceOptions {
  /** Where summaries and their leases are stored. */
  store: MovieSummariesRepository;
  generator: SummaryGenerator;
  /** LLM_TIMEOUT_MS: the most one read may spend on a summary, waiting for another instance included. */
  budgetMs: number;
  logger: AppLogger;
  /** How often a reader that found another instance's live lease looks for the stored summary. */
  pollIntervalMs?: number;
  /** Names this container's leases; random by default (the state's own when a state is given). */
  instanceId?: string;
  /** The LLM spending limit; unlimited without one. */
  callBudget?: CallBudget;
  /** The writer of what a read gets once the budget is spent (the facts writer): answered, never stored. */
  fallback?: SummaryGenerator;
  /** Milliseconds since the epoch; tests move it by hand. */
  now?: () => number;
  /**
   * What the container's summary services share, built once per container (createSummaryState): each request gets a
   * service of its own (its logger), and concurrent reads of one film still share one generation.
   */
  state?: SummaryState;
}

/** The generations in flight in this container, the name of its leases, and until when it has said the LLM budget is spent. */
export interface SummaryState {
  readonly inFlight: Map<number, Promise<StoredSummary | undefined>>;
  readonly instanceId: string;
  warnedUntil: number;
}

export const createSummaryState = (instanceId: string = randomUUID()): SummaryState => ({
  inFlight: new Map(),
  instanceId,
  warnedUntil: 0,
});

class SummaryTimeout extends Error {
  override name = 'SummaryTimeout';
}

/** An unusable answer is a failure, never a summary: empty after trimming, or not text at all. */
function usableText(text: unknown): string | undefined {
  const capped = typeof text === 'string' ? capSummary(text) : '';
  return capped === '' ? undefined : capped;
}

/**
 * Fills in a movie's LLM summary on read: generated once, stored with the movie, served from the
 * database afterwards. One generation per movie at a time: a promise shared inside the container and
 * a short lease in the database across containers. Never throws: a failure answers summary null.
 */
export function createSummaryService({
  store,
  generator,
  budgetMs,
  logger,
  pollIntervalMs = 100,
  callBudget,
  fallback,
  now = Date.now,
  instanceId,
  state = createSummaryState(instanceId),
}: SummaryServiceOptions) {
  const { inFlight, instanceId: leaseOwner } = state;
  // The lease outlives the attempt a little, so a slow store is not mistaken for a crash.
  const leaseMs = budgetMs + 2000;

  /** One attempt at a summary within the deadline; throws on any failure, unusable text included. */
  async function generate(movie: Movie, deadline: number): Promise<NewSummary> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new SummaryTimeout(`no summary within ${budgetMs} ms`)), deadline - Date.now());
    try {
      const timedOut = new Promise<never>((_, reject) =>
        controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true }),
      );
      // The race keeps the budget even if a generator ignores its signal.
      const generated = await Promise.race([generator.generate(factsOf(movie), { signal: controller.signal }), timedOut]);
      const text = usableText(generated.text);
      if (text === undefined) throw new Error('the LLM answered with no usable text');
      return { summary: text, summary_source: generated.source };
    } finally {
      clearTimeout(timer);
    }
  }

  async function generateAndStore(movie: Movie, deadline: number): Promise<StoredSummary | undefined> {
    try {
      return await store.storeSummary(movie.id, await generate(movie, deadline));
    } catch (error) {
      logger.warn('summary generation failed; answering without a summary', { movieId: movie.id, error });
      await store
        .releaseSummaryLease(movie.id, leaseOwner)
        .catch((releaseError: unknown) => logger.error('could not release the summary lease', { movieId: movie.id, error: releaseError }));
      return undefined;
    }
  }

  /** Spends one generation of the budget; the refusal when it is spent. */
  async function refusedByBudget(): Promise<RateLimitDecision | undefined> {
    const decision = await callBudget?.spend();
    if (!decision || decision.allowed) return undefined;
    // One warning per window and instance, not one per read.
    if (now() >= state.warnedUntil) {
      state.warnedUntil = now() + decision.resetSeconds * 1000;
      logger.warn('the LLM budget is spent: first reads answer a facts-based summary, stored nowhere, until the window rolls', {
        maxCallsPerHour: decision.policy.limit,
        resumesInSeconds: decision.resetSeconds,
      });
    }
    return decision;
  }

  /** What a read answers while the budget is spent: the fallback writer's summary, which is not stored, or none. */
  async function unstoredFallback(movie: Movie): Promise<StoredSummary | undefined> {
    if (!fallback) return undefined;
    try {
      const written = await fallback.generate(factsOf(movie), { signal: AbortSignal.timeout(budgetMs) });
      const text = usableText(written.text);
      return text === undefined
        ? undefined
        : { summary: text, summary_source: written.source, summary_generated_at: new Date(now()).toISOString() };
    } catch (error) {
      logger.warn('the fallback summary writer failed; answering without a summary', { movieId: movie.id, error });
      return undefined;
    }
  }

  /** Past the budget the lease goes back at once, so a read after the window rolls may generate. */
  async function generateWithinBudget(movie: Movie, deadline: number): Promise<StoredSummary | undefined> {
    if (!(await refusedByBudget())) return generateAndStore(movie, deadline);
    await store.releaseSummaryLease(movie.id, leaseOwner);
    return unstoredFallback(movie);
  }

  async function obtain(movie: Movie): Promise<StoredSummary | undefined> {
    const deadline = Date.now() + budgetMs;
    try {
      for (;;) {
        if (await store.claimSummaryLease(movie.id, leaseOwner, Date.now(), leaseMs)) {
          return await generateWithinBudget(movie, deadline);
        }
        // Another instance holds a live lease (or just stored a summary): wait for its result.
        const remaining = deadline - Date.now();
        if (remaining <= 0) break;
        await sleep(Math.min(pollIntervalMs, remaining));
        const stored = await store.findSummary(movie.id);
        if (stored !== undefined) return stored ?? undefined;
      }
      logger.warn('no summary within the budget while another instance held the lease', { movieId: movie.id });
    } catch (error) {
      logger.error('summary lookup failed; answering without a summary', { movieId: movie.id, error });
    }
    return undefined;
  }

  return {
    /**
     * An admin's rewrite: a new summary, stored in place of the old one. When the writer fails the old one stays,
     * and the failure is a 502. It counts against the LLM budget: once that is spent, a 503 with Retry-After.
     * A movie deleted meanwhile is not found.
     */
    async regenerate(movie: Movie): Promise<Movie> {
      const refused = await refusedByBudget();
      if (refused) throw new ServiceBusy('the LLM budget for this hour is spent; see Retry-After', refused.resetSeconds);
      let written: NewSummary;
      try {
        written = await generate(movie, Date.now() + budgetMs);
      } catch (error) {
        logger.warn('summary regeneration failed; the stored summary is kept', { movieId: movie.id, error });
        throw new UpstreamFailed('the summary writer failed; the stored summary is kept');
      }
      return (await store.replaceSummary(movie.id, written)) ?? notFound('movie', movie.id);
    },

    async withSummary(movie: Movie): Promise<Movie> {
      if (movie.summary !== null) return movie;
      let pending = inFlight.get(movie.id);
      if (!pending) {
        pending = obtain(movie).finally(() => inFlight.delete(movie.id));
        inFlight.set(movie.id, pending);
      }
      const stored = await pending;
      return stored ? { ...movie, ...stored } : movie;
    },
  };
}

export type SummaryService = ReturnType<typeof createSummaryService>;
