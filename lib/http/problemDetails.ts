import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  BadRequest,
  Conflict,
  DatabaseUnavailable,
  DomainError,
  isDomainError,
  Forbidden,
  MethodNotAllowed,
  NotFound,
  PayloadTooLarge,
  ServiceBusy,
  Throttled,
  Unauthorized,
  UnprocessableContent,
  UnsupportedMediaType,
  UpstreamFailed,
} from '../errors';
import { rateLimitHeaders, retryAfter } from './rateLimitHeaders';
import { isMalformedJsonError } from './readBody';
import { reasonPhrase } from './reasonPhrases';
import type { ProblemDetails } from '../schemas/common';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** How the HTTP edge answers one domain error class. */
export interface ProblemMapping<E extends DomainError = DomainError> {
  status: number;
  title: string;
  /**
   * The problem's detail: `message` shows the error's own (it describes the caller's mistake, or is ours and safe);
   * `hidden` says nothing of the cause (a fault's message may hold SQL, paths or secrets); any other text replaces it.
   */
  detail: 'message' | 'hidden' | { text: string };
  /** Headers the answer carries beside the problem, from the error's data. */
  headers?: (error: E) => Record<string, string>;
}

type ErrorClass<E extends DomainError> = abstract new (...args: never[]) => E;

/** A row of the table, by the class's name: a domain error thrown by another copy of lib/errors finds its row too. */
const row = <E extends DomainError>(type: ErrorClass<E>, mapping: ProblemMapping<E>) => [type.name, mapping as ProblemMapping] as const;

/** Seconds a client is asked to wait for a database that does not answer: an outage is mostly seconds long. */
const DATABASE_RETRY_AFTER_SECONDS = 1;

/**
 * The one table from domain errors to answers: every problem+json the API writes for a domain error takes its status,
 * title, detail and headers from here (tests/unit/http/problemMapping.test.ts checks that every class has its row).
 */
const PROBLEMS = new Map<string, ProblemMapping>([
  row(BadRequest, { status: 400, title: 'Bad Request', detail: 'message' }),
  // RFC 6750: a 401 names the scheme the caller should use.
  row(Unauthorized, { status: 401, title: 'Unauthorized', detail: 'message', headers: () => ({ 'www-authenticate': 'Bearer' }) }),
  row(Forbidden, { status: 403, title: 'Forbidden', detail: 'message' }),
  row(NotFound, { status: 404, title: 'Not Found', detail: 'message' }),
  row(MethodNotAllowed, {
    status: 405,
    title: 'Method Not Allowed',
    detail: 'message',
    headers: (error) => ({ allow: error.allowed.join(', ') }),
  }),
  row(Conflict, { status: 409, title: 'Conflict', detail: 'message' }),
  row(PayloadTooLarge, { status: 413, title: 'Content Too Large', detail: 'message' }),
  row(UnsupportedMediaType, { status: 415, title: 'Unsupported Media Type', detail: 'message' }),
  row(UnprocessableContent, { status: 422, title: 'Unprocessable Content', detail: 'message' }),
  row(Throttled, {
    status: 429,
    title: 'Too Many Requests',
    detail: 'message',
    headers: (error) => ({ ...(error.rateLimit ? rateLimitHeaders(error.rateLimit) : {}), ...retryAfter(error.retryAfterSeconds) }),
  }),
  row(UpstreamFailed, { status: 502, title: 'Bad Gateway', detail: 'message' }),
  row(ServiceBusy, {
    status: 503,
    title: 'Service Unavailable',
    detail: 'message',
    headers: (error) => retryAfter(error.retryAfterSeconds),
  }),
  row(DatabaseUnavailable, {
    status: 503,
    title: 'Service Unavailable',
    detail: { text: 'the database does not answer; try again shortly' },
    headers: () => retryAfter(DATABASE_RETRY_AFTER_SECONDS),
  }),
]);

/** The row of a domain error class, or of the nearest class it extends that has one. */
export function problemMappingOf(type: abstract new (...args: never[]) => Error): ProblemMapping | undefined {
  for (let at: unknown = type; typeof at === 'function' && at.name !== DomainError.name; at = Object.getPrototypeOf(at)) {
    const mapping = PROBLEMS.get(at.name);
    if (mapping) return mapping;
  }
  return undefined;
}

/**
 * Errors the stack meets that are not the domain's, as domain errors when they say something the domain does: the
 * body parser's refusal of a body that is not JSON is the caller's mistake.
 */
const asDomainError = (error: unknown): unknown => (isMalformedJsonError(error) ? new BadRequest('request body is not valid JSON') : error);

/** Another library's error (middy's among them): its own status when it carries one, a 504 for middy's timeout. */
function foreignStatusOf(error: unknown): number {
  // middy's early timeout: the handler ran out of time.
  if ((error as Error | null)?.name === 'TimeoutError') return 504;
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

/** The mapping of anything else: its status's reason phrase; a 4xx shown, since it is the caller's mistake. */
const foreignMapping = (status: number): ProblemMapping => ({
  status,
  title: reasonPhrase(status) ?? (status >= 500 ? 'Internal Server Error' : 'Error'),
  detail: status < 500 ? 'message' : 'hidden',
});

type Problem = ProblemDetails & { request_id?: string };

interface Answer {
  problem: Problem;
  headers: Record<string, string>;
}

function answerOf(thrown: unknown, requestId: string): Answer {
  const error = asDomainError(thrown);
  const domainMapping = isDomainError(error) ? problemMappingOf(error.constructor as ErrorClass<DomainError>) : undefined;
  const mapping = domainMapping ?? foreignMapping(foreignStatusOf(error));
  const headers = domainMapping?.headers?.(error as DomainError) ?? {};
  if (mapping.detail === 'hidden') {
    return {
      problem: {
        type: 'about:blank',
        title: mapping.title,
        status: mapping.status,
        detail: 'the server could not answer this request; quote the request id when reporting it',
        request_id: requestId,
      },
      headers,
    };
  }
  const problem: Problem = {
    type: 'about:blank',
    title: mapping.title,
    status: mapping.status,
    detail: mapping.detail === 'message' ? (error as Error).message : mapping.detail.text,
  };
  const fields = domainMapping && (error as Partial<BadRequest>).errors;
  if (Array.isArray(fields)) problem.errors = fields;
  return { problem, headers };
}

/** The status an error is answered with. */
export const answeredStatus = (error: unknown): number => answerOf(error, '').problem.status;

/**
 * The RFC 9457 problem for an error. A 4xx tells the caller what was wrong; a 5xx says nothing of its cause, only the
 * request id to quote, unless the table says its message is ours and safe.
 */
export const toProblem = (error: unknown, requestId: string): Problem => answerOf(error, requestId).problem;

/** The whole answer for an error: its status, its headers from the table, and the problem+json body. */
export function problemResponse(thrown: unknown, requestId: string): APIGatewayProxyStructuredResultV2 {
  const { problem, headers } = answerOf(thrown, requestId);
  return {
    statusCode: problem.status,
    headers: { ...headers, 'content-type': PROBLEM_CONTENT_TYPE },
    body: JSON.stringify(problem),
  };
}
