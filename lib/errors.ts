/**
 * Every error the API answers with, in one place. Each carries its HTTP status and whether its
 * message may be shown to the caller; lib/http/problemDetails turns them into problem+json.
 */
export interface FieldError {
  path: string;
  message: string;
}

export abstract class HttpError extends Error {
  abstract readonly statusCode: number;
  abstract readonly title: string;
  /** Headers the answer carries beside the problem (Allow on a 405). */
  readonly headers?: Readonly<Record<string, string>>;
  /** 4xx messages describe the caller's mistake and are shown; 5xx messages never are. */
  get expose(): boolean {
    return this.statusCode < 500;
  }
}

export class BadRequest extends HttpError {
  readonly statusCode = 400;
  readonly title = 'Bad Request';
  constructor(
    detail: string,
    readonly errors?: FieldError[],
  ) {
    super(detail);
  }
}

/** One message for every bad token: which check failed is the attacker's business, not the caller's. */
export const INVALID_TOKEN = 'invalid or expired token';

export class Unauthorized extends HttpError {
  readonly statusCode = 401;
  readonly title = 'Unauthorized';
}

export class Forbidden extends HttpError {
  readonly statusCode = 403;
  readonly title = 'Forbidden';
}

export class NotFound extends HttpError {
  readonly statusCode = 404;
  readonly title = 'Not Found';
}

export class MethodNotAllowed extends HttpError {
  readonly statusCode = 405;
  readonly title = 'Method Not Allowed';
  override readonly headers: Readonly<Record<string, string>>;
  constructor(
    detail: string,
    readonly allowed: readonly string[],
  ) {
    super(detail);
    this.headers = { allow: allowed.join(', ') };
  }
}

/** Throws the 404 of a resource that does not exist (or is not the caller's: the same answer, never a hint). */
export function notFound(what: string, id: number | string): never {
  throw new NotFound(`${what} ${id} does not exist`);
}

export class Conflict extends HttpError {
  readonly statusCode = 409;
  readonly title = 'Conflict';
}

export class PayloadTooLarge extends HttpError {
  readonly statusCode = 413;
  readonly title = 'Content Too Large';
}

/** An upstream service (the LLM) failed a request that needed its answer. Its message is ours and safe to show. */
export class BadGateway extends HttpError {
  readonly statusCode = 502;
  readonly title = 'Bad Gateway';
  override get expose(): boolean {
    return true;
  }
}

/** An Idempotency-Key reused with another request body. */
export class UnprocessableContent extends HttpError {
  readonly statusCode = 422;
  readonly title = 'Unprocessable Content';
}

/**
 * A refusal the caller may retry, and when: `retryAfterSeconds` is data, which the HTTP edge answers as Retry-After.
 * `headers` are what a refusal decided at that edge adds (a rate limit's RateLimit fields).
 */
export abstract class RetryLater extends HttpError {
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
    override readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
  }
}

/** Throttled (429): when to come back, and the RateLimit fields when a rate limit of the HTTP stack refused it. */
export class TooManyRequests extends RetryLater {
  readonly statusCode = 429;
  readonly title = 'Too Many Requests';
}

/**
 * Shedding load (503): try again after Retry-After. No fault: its message is ours and tells the caller to retry, so it
 * is shown, and it is logged as a warning without a stack (asksToRetry).
 */
export class ServiceBusy extends RetryLater {
  readonly statusCode = 503;
  readonly title = 'Service Unavailable';
  override get expose(): boolean {
    return true;
  }
}

/**
 * What the 503 of a database that does not answer says: a fixed text of ours, safe to show, and when to come back.
 * lib/http answers a DatabaseUnavailable with it.
 */
export class DatabaseNotAnswering extends RetryLater {
  readonly statusCode = 503;
  readonly title = 'Service Unavailable';
  override get expose(): boolean {
    return true;
  }
}

/**
 * The database could not be reached in time (refused, unreachable, or no answer within the client's bound): a fact of
 * the domain, with no HTTP status; the HTTP edge answers it with 503 and Retry-After.
 */
export class DatabaseUnavailable extends Error {
  override name = 'DatabaseUnavailable';
}

/**
 * Whether an error is a 503 that asks the caller to come back rather than a fault: load shed on purpose, or a database
 * that does not answer (its client logs the outage once). It is answered, and logged, as a request to retry.
 */
export const asksToRetry = (error: unknown): boolean => error instanceof ServiceBusy || error instanceof DatabaseUnavailable;

export class UnsupportedMediaType extends HttpError {
  readonly statusCode = 415;
  readonly title = 'Unsupported Media Type';
}

export class UpstreamUnavailable extends HttpError {
  readonly statusCode = 503;
  readonly title = 'Service Unavailable';
}
