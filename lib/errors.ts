import type { RateLimitDecision } from './schemas/rateLimits';

/**
 * The domain's errors: what went wrong, and the data an answer needs (when to come back, the methods allowed, the
 * fields at fault), never how HTTP answers it. Status, title, whether the message is shown and the headers are the
 * HTTP edge's, in one table (lib/http/problemDetails.ts); a new class here fails its test until that table has a row.
 */
export interface FieldError {
  path: string;
  message: string;
}

/** Shared by every copy of this module, so a domain error is known as one whichever copy threw it. */
const DOMAIN_ERROR = Symbol.for('movie-api.domainError');

export abstract class DomainError extends Error {
  declare readonly [DOMAIN_ERROR]: true;
  constructor(detail?: string, options?: ErrorOptions) {
    super(detail, options);
    this.name = new.target.name;
  }
}
Object.defineProperty(DomainError.prototype, DOMAIN_ERROR, { value: true });

/**
 * Whether an error is one of the domain's. Not `instanceof`: a function whose modules were loaded apart from the
 * container's (two module registries in one process) meets the errors of another copy of this module.
 */
export const isDomainError = (error: unknown): error is DomainError =>
  typeof error === 'object' && error !== null && (error as Partial<Record<symbol, unknown>>)[DOMAIN_ERROR] === true;

/** The caller's input is wrong: a body, a query, a file. */
export class BadRequest extends DomainError {
  constructor(
    detail: string,
    readonly errors?: FieldError[],
  ) {
    super(detail);
  }
}

/** One message for every bad token: which check failed is the attacker's business, not the caller's. */
export const INVALID_TOKEN = 'invalid or expired token';

/** No caller, or one whose credentials do not hold (a bad token, an ended sign-in, a wrong password). */
export class Unauthorized extends DomainError {}

/** A caller known, but not allowed this. */
export class Forbidden extends DomainError {}

/** A resource that does not exist, or is not the caller's: the same answer, never a hint. */
export class NotFound extends DomainError {}

/**
 * The one rule of a missing resource: a repository answers undefined (or false) for a row it does not find, and the
 * service that asked throws this.
 */
export function notFound(what: string, id: number | string): never {
  throw new NotFound(`${what} ${id} does not exist`);
}

/** A route asked with a method it does not serve, and the methods it does. */
export class MethodNotAllowed extends DomainError {
  constructor(
    detail: string,
    readonly allowed: readonly string[],
  ) {
    super(detail);
  }
}

/** The change contradicts what is stored (an email already taken). */
export class Conflict extends DomainError {}

/** A body over the size the route takes. */
export class PayloadTooLarge extends DomainError {}

/** A body of a media type the route does not read. */
export class UnsupportedMediaType extends DomainError {}

/** An Idempotency-Key reused with another request body. */
export class UnprocessableContent extends DomainError {}

/**
 * Throttled: the caller is to come back after `retryAfterSeconds`. `rateLimit` is the decision of the rate limit that
 * refused it, when one did, so the answer can say where the caller stands.
 */
export class Throttled extends DomainError {
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
    readonly rateLimit?: RateLimitDecision,
  ) {
    super(detail);
  }
}

/** An upstream service (the LLM) failed a request that needed its answer. Its message is ours and safe to show. */
export class UpstreamFailed extends DomainError {}

/**
 * Shedding load: try again after `retryAfterSeconds`. No fault: its message is ours and tells the caller to retry,
 * and it is logged as a warning without a stack (asksToRetry).
 */
export class ServiceBusy extends DomainError {
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super(detail);
  }
}

/**
 * The database could not be reached in time (refused, unreachable, or no answer within the client's bound). Its
 * message is the driver's, never shown: the edge answers with a fixed text of its own.
 */
export class DatabaseUnavailable extends DomainError {
  // Spelled out: the outage is logged by its name, which a minified bundle would otherwise shorten.
  override name = 'DatabaseUnavailable';
}

/** By class name, as isDomainError tells a domain error: whichever copy of this module threw it. */
const RETRY_LATER = new Set([ServiceBusy.name, DatabaseUnavailable.name]);

/**
 * Whether an error asks the caller to come back rather than being a fault: load shed on purpose, or a database that
 * does not answer (its client logs the outage once). It is answered, and logged, as a request to retry.
 */
export const asksToRetry = (error: unknown): boolean => isDomainError(error) && RETRY_LATER.has(error.constructor.name);
