import type { Client } from '@libsql/client';
import { getConfig, type Config } from './config';
import { getDb } from './db/client';
import { getSummaryGenerator } from './llm';
import type { SummaryGenerator } from './llm/summaryGenerator';
import { getLogger, type AppLogger } from './logger';
import { createMoviesRepository } from './repositories/moviesRepository';
import { createRatingsRepository } from './repositories/ratingsRepository';
import { createRequestCounterRepository } from './repositories/requestCounterRepository';
import { createRatingsService } from './services/ratingsService';
import { createRequestCounter } from './services/requestCounter';
import { createSummaryService } from './services/summaryService';

export interface ServiceDependencies {
  config: Config;
  db: Client;
  logger: AppLogger;
  generator: SummaryGenerator;
}

/** Wires repositories and services over one database; handlers receive the result. */
export function createServices({ config, db, logger, generator }: ServiceDependencies) {
  const movies = createMoviesRepository(db);
  return {
    config,
    db,
    logger,
    movies,
    ratings: createRatingsService({ ratings: createRatingsRepository(db) }),
    summaries: createSummaryService({ movies, generator, budgetMs: config.llm.timeoutMs, logger }),
    requestCounter: createRequestCounter({ counter: createRequestCounterRepository(db), logger }),
  };
}

export type Services = ReturnType<typeof createServices>;

let containerServices: Promise<Services> | undefined;

/** This Lambda container's services: built on the first invocation, reused by every warm one. */
export function getServices(): Promise<Services> {
  containerServices ??= getDb()
    .then((db) => createServices({ config: getConfig(), db, logger: getLogger(), generator: getSummaryGenerator() }))
    .catch((error: unknown) => {
      containerServices = undefined;
      throw error;
    });
  return containerServices;
}
