import { Logger } from '@aws-lambda-powertools/logger';
import type { LogAttributes, LogItemExtraInput, LogItemMessage } from '@aws-lambda-powertools/logger/types';
import { getConfig } from './config';
import { currentRequestId } from './requestGuard';

/** What the domain needs of a logger; tests pass jest doubles with this shape. */
export interface AppLogger {
  debug(message: string, ...extra: Record<string, unknown>[]): void;
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
}

/** Keys whose values never reach a log line, whoever passes them: the safety net behind "log no bodies". */
const SECRET_KEY = /pass(word)?|token|secret|authori[sz]ation|cookie|api[-_]?key|credential/i;
export const REDACTED = '[REDACTED]';

const redactSecrets = (key: string, value: unknown) => (key !== '' && SECRET_KEY.test(key) ? REDACTED : value);

type Extra = LogItemExtraInput;

/** Adds the id of the request being served (lib/requestGuard) to each line, so a 5xx body's id finds every line. */
class RequestLogger extends Logger {
  #withRequestId(extra: Extra): Extra {
    const requestId = currentRequestId();
    if (requestId === undefined) return extra;
    const [first] = extra;
    // A lone error or string is what powertools would have written as `error` or `extra`.
    const attributes =
      first instanceof Error ? [{ error: first }] : typeof first === 'string' ? [{ extra: first }] : (extra as LogAttributes[]);
    return [...attributes, { request_id: requestId }];
  }
  override debug(input: LogItemMessage, ...extra: Extra) {
    super.debug(input, ...this.#withRequestId(extra));
  }
  override info(input: LogItemMessage, ...extra: Extra) {
    super.info(input, ...this.#withRequestId(extra));
  }
  override warn(input: LogItemMessage, ...extra: Extra) {
    super.warn(input, ...this.#withRequestId(extra));
  }
  override error(input: LogItemMessage, ...extra: Extra) {
    super.error(input, ...this.#withRequestId(extra));
  }
  override critical(input: LogItemMessage, ...extra: Extra) {
    super.critical(input, ...this.#withRequestId(extra));
  }
}

/** A structured JSON logger at the given level, with secret-looking fields redacted and the request's id on each line. */
export function createLogger(logLevel: string): Logger {
  return new RequestLogger({ serviceName: 'movie-rating-api', logLevel: logLevel as 'INFO', jsonReplacerFn: redactSecrets });
}

let containerLogger: Logger | undefined;

/** Structured JSON logs for this container, at LOG_LEVEL. */
export function getLogger(): Logger {
  containerLogger ??= createLogger(getConfig().logLevel);
  return containerLogger;
}
