import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DatabaseNotAnswering, DatabaseUnavailable, HttpError, RetryLater } from '../errors';
import { retryAfter } from './rateLimitHeaders';
import { reasonPhrase } from './reasonPhrases';
import type { ProblemDetails } from '../schemas/common';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Other libraries' HTTP errors (middy's among them) carry a status and an expose flag too. */
function statusOf(error: unknown): number {
  // middy's early timeout: the handler ran out of time.
  if ((error as Error | null)?.name === 'TimeoutError') return 504;
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

/** An error's title: ours name theirs; another library's is its status's reason phrase. */
const titleOf = (error: unknown, status: number) => (error instanceof HttpError ? error.title : (reasonPhrase(status) ?? 'Error'));

/**
 * The RFC 9457 problem for an error. A 4xx tells the caller what was wrong; a 5xx says nothing of
 * its cause, only the request id to quote, since its message may hold SQL, paths or secrets.
 */
export function toProblem(error: unknown, requestId: string): ProblemDetails & { request_id?: string } {
  const status = statusOf(error);
  // A 5xx is shown only when its error says its message is safe (a BadGateway written by us).
  if (status >= 500 && !(error instanceof HttpError && error.expose)) {
    return {
      type: 'about:blank',
      title: reasonPhrase(status) ?? 'Internal Server Error',
      status,
      detail: 'the server could not answer this request; quote the request id when reporting it',
      request_id: requestId,
    };
  }
  const problem: ProblemDetails = {
    type: 'about:blank',
    title: titleOf(error, status),
    status,
    detail: (error as Error).message,
  };
  if (error instanceof HttpError && 'errors' in error && Array.isArray(error.errors)) problem.errors = error.errors;
  return problem;
}

/** Seconds a client is asked to wait for a database that does not answer: an outage is mostly seconds long. */
const DATABASE_RETRY_AFTER_SECONDS = 1;

/** A domain error that knows nothing of HTTP, as the HTTP error it is answered with; any other error as it is. */
const atTheEdge = (error: unknown): unknown =>
  error instanceof DatabaseUnavailable
    ? new DatabaseNotAnswering('the database does not answer; try again shortly', DATABASE_RETRY_AFTER_SECONDS)
    : error;

export function problemResponse(thrown: unknown, requestId: string): APIGatewayProxyStructuredResultV2 {
  const error = atTheEdge(thrown);
  const problem = toProblem(error, requestId);
  return {
    statusCode: problem.status,
    // RFC 6750: a 401 names the scheme the caller should use.
    headers: {
      ...(error instanceof HttpError ? error.headers : {}),
      ...(error instanceof RetryLater ? retryAfter(error.retryAfterSeconds) : {}),
      'content-type': PROBLEM_CONTENT_TYPE,
      ...(problem.status === 401 ? { 'www-authenticate': 'Bearer' } : {}),
    },
    body: JSON.stringify(problem),
  };
}
