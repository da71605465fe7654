import { DatabaseUnavailable } from '../errors';
import type { AppLogger } from '../logger';

export interface BoundedFetchOptions {
  /** The database's URL, for the log lines. */
  database: string;
  /** How long one request to the server may take before it is given up. */
  timeoutMs: number;
  logger?: Pick<AppLogger, 'warn' | 'info'>;
}

const reasonOf = (error: unknown): string => {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  return [error instanceof Error ? `${error.name}: ${error.message}` : String(error), code].filter(Boolean).join(' ');
};

/**
 * The fetch a libSQL client speaks HTTP with (Hrana over HTTP), bounded: each request is given up after `timeoutMs`,
 * so a server that takes the connection and never answers costs a request that long rather than the function's whole
 * timeout. A server that cannot be reached in time becomes a DatabaseUnavailable, which the HTTP edge answers with
 * 503. The client itself keeps no broken state: its next request goes out afresh, so it serves again as soon as the
 * server is back. An outage is logged once, when the first request fails, and its end once, when one gets through.
 */
export function boundedFetch({ database, timeoutMs, logger }: BoundedFetchOptions): typeof fetch {
  let downSince: number | undefined;
  return async (input, init) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    let response: Response;
    try {
      response = await fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline });
    } catch (error) {
      if (downSince === undefined) {
        downSince = Date.now();
        logger?.warn('the database does not answer', { database, reason: reasonOf(error), timeout_ms: timeoutMs });
      }
      throw new DatabaseUnavailable(`the database at ${database} does not answer`, { cause: error });
    }
    if (downSince !== undefined) {
      logger?.info('the database answers again', { database, down_ms: Date.now() - downSince });
      downSince = undefined;
    }
    return response;
  };
}
