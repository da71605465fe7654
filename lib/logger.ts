import { Logger } from '@aws-lambda-powertools/logger';
import { getConfig } from './config';

/** What the domain needs of a logger; tests pass jest doubles with this shape. */
export interface AppLogger {
  debug(message: string, ...extra: Record<string, unknown>[]): void;
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
}

let containerLogger: Logger | undefined;

/** Structured JSON logs for this container, at LOG_LEVEL. */
export function getLogger(): Logger {
  containerLogger ??= new Logger({
    serviceName: 'movie-rating-api',
    logLevel: getConfig().logLevel as 'INFO',
  });
  return containerLogger;
}
