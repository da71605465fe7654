import { asksToRetry } from '../errors';
import { getLogger } from '../logger';
import type { HttpMiddleware } from './context';
import { problemResponse } from './problemDetails';

/**
 * Every error becomes problem+json here, and only here: whatever was thrown is answered by the one mapping table
 * (lib/http/problemDetails.ts) with its status, our problem+json and its headers (Allow, WWW-Authenticate,
 * Retry-After, RateLimit), in one step. A fault is logged here, with the request id its body quotes; its cause is
 * never shown. Load shed on purpose (a 503 to retry) is no fault. The thrown error stays the request's error, so the
 * request log can tell load shed on purpose from a fault.
 */
export function problemJsonErrors(): HttpMiddleware {
  return {
    onError: (request) => {
      const requestId = request.context.requestId;
      const response = problemResponse(request.error, requestId);
      // Not a fault: load shed on purpose, or a database outage, which the client that met it logs once (lib/db/boundedFetch).
      if ((response.statusCode ?? 500) >= 500 && !asksToRetry(request.error)) {
        const logger = request.context.services?.logger ?? getLogger();
        logger.error('request failed', { request_id: requestId, error: request.error });
      }
      request.response = response;
    },
  };
}
