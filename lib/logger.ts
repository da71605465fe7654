import { Logger } from '@aws-lambda-powertools/logger';
import { getConfig } from './config';

/** What the domain needs of a logger; tests pass jest doubles with this shape. */
export interface AppLogger {
  debug(message: string, ...extra: object[]): void;
  info(message: string, ...extra: object[]): void;
  warn(message: string, ...extra: object[]): void;
  error(message: string, ...extra: object[]): void;
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
