import httpErrorHandler from '@middy/http-error-handler';

import { asksToRetry, BadRequest } from '../errors';
import { getLogger } from '../logger';
import { currentRequestId } from '../requestGuard';
import type { HttpMiddleware } from './context';
import { isMalformedJsonError } from './readBody';
import { PROBLEM_CONTENT_TYPE, problemResponse } from './problemDetails';
import { requestIdOf } from './requestId';

/**
 * Turns whatever was thrown into the error @middy/http-error-handler answers with: its status, our problem+json as
 * the message, and the headers the problem carries (Allow, WWW-Authenticate, Retry-After). A fault is logged here,
 * with the request id its body quotes; its cause is never shown. Load shed on purpose (a 503 to retry) is no fault.
 */
const toProblemError = (): HttpMiddleware => ({
  onError: (request) => {
    const requestId = currentRequestId() ?? requestIdOf(request.event, request.context);
    const error = isMalformedJsonError(request.error) ? new BadRequest('request body is not valid JSON') : request.error;
    const { statusCode = 500, headers, body } = problemResponse(error, requestId);
    // Not a fault: load shed on purpose, or a database outage, which the client that met it logs once (lib/db/boundedFetch).
    if (statusCode >= 500 && !asksToRetry(error)) {
      const logger = request.context.services?.logger ?? getLogger();
      logger.error('request failed', { request_id: requestId, error: request.error });
    }
    // The cause stays with the answer, so the request log can tell load shed on purpose from a fault.
    request.error = Object.assign(new Error(body, { cause: error }), { statusCode, expose: true, headers });
  },
});

/**
 * @middy/http-error-handler labels a JSON message `Content-Type: application/json`, with no way to name another
 * media type; problems are application/problem+json (RFC 9457), so the label is corrected once it has answered.
 */
const problemMediaType = (): HttpMiddleware => ({
  onError: (request) => {
    const response = request.response;
    if (!response?.headers) return;
    const { 'Content-Type': _middysLabel, ...headers } = response.headers;
    response.headers = { ...headers, 'content-type': PROBLEM_CONTENT_TYPE };
  },
});

/**
 * Every error becomes problem+json here, and only here. Attached last, so that its `onError` handlers run first,
 * in this order: toProblemError, @middy/http-error-handler, problemMediaType.
 */
export function problemJsonErrors(): HttpMiddleware[] {
  return [problemMediaType(), httpErrorHandler({ logger: false }) as unknown as HttpMiddleware, toProblemError()];
}
