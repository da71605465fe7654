import { asksToRetry, BadRequest } from '../errors';
import { getLogger } from '../logger';
import type { HttpMiddleware } from './context';
import { isMalformedJsonError } from './readBody';
import { problemResponse } from './problemDetails';

/**
 * Every error becomes problem+json here, and only here: whatever was thrown is answered with its status, our
 * problem+json and the headers the problem carries (Allow, WWW-Authenticate, Retry-After), in one step. A fault is
 * logged here, with the request id its body quotes; its cause is never shown. Load shed on purpose (a 503 to retry) is
 * no fault. The thrown error stays the request's error, so the request log can tell load shed on purpose from a fault.
 */
export function problemJsonErrors(): HttpMiddleware {
  return {
    onError: (request) => {
      const requestId = request.context.requestId;
      const error = isMalformedJsonError(request.error) ? new BadRequest('request body is not valid JSON') : request.error;
      const response = problemResponse(error, requestId);
      // Not a fault: load shed on purpose, or a database outage, which the client that met it logs once (lib/db/boundedFetch).
      if ((response.statusCode ?? 500) >= 500 && !asksToRetry(error)) {
        const logger = request.context.services?.logger ?? getLogger();
        logger.error('request failed', { request_id: requestId, error: request.error });
      }
      request.response = response;
    },
  };
}
