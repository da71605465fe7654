import { Logger } from '@aws-lambda-powertools/logger';
import { getConfig } from './config';

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

/** A structured JSON logger at the given level, with secret-looking fields redacted. */
export function createLogger(logLevel: string): Logger {
  return new Logger({ serviceName: 'movie-rating-api', logLevel: logLevel as 'INFO', jsonReplacerFn: redactSecrets });
}

/**
 * The logger of one request: each of its lines carries the request's id, so a 5xx body's id finds every line. Given to
 * the request's services (lib/container.ts:forRequest) and so to whatever they log. A thin object over the container's
 * logger that appends `{ request_id }` to each line's attributes: Powertools' own createChild builds a whole logger
 * (about 180 µs, more than a warm getMovie's half), and its appendKeys would put one request's id on another's lines
 * on a shared logger. A logger of another kind (a test's double) is used as it is.
 */
export function requestLogger(logger: AppLogger, requestId: string): AppLogger {
  if (!(logger instanceof Logger)) return logger;
  const id = { request_id: requestId };
  return {
    debug: (message, ...extra) => logger.debug(message, ...extra, id),
    info: (message, ...extra) => logger.info(message, ...extra, id),
    warn: (message, ...extra) => logger.warn(message, ...extra, id),
    error: (message, ...extra) => logger.error(message, ...extra, id),
  };
}

let containerLogger: Logger | undefined;

/** Structured JSON logs for this container, at LOG_LEVEL. */
export function getLogger(): Logger {
  containerLogger ??= createLogger(getConfig().logLevel);
  return containerLogger;
}
