import type { Client } from '@libsql/client';
import { getConfig, type Config } from './config';
import { getDb } from './db/client';
import { createFactsSummaryGenerator } from './llm/factsSummaryGenerator';
import type { SummaryGenerator } from './llm/summaryGenerator';
import { getLogger, type AppLogger } from './logger';
import { confirmSignIn, guardedClient } from './requestGuard';
import { createCollectionsRepository } from './repositories/collectionsRepository';
import { createIdempotencyRepository } from './repositories/idempotencyRepository';
import { createMoviesRepository } from './repositories/moviesRepository';
import { createRatingsRepository } from './repositories/ratingsRepository';
import { createRequestCounterRepository } from './repositories/requestCounterRepository';
import { createRefreshTokensRepository } from './repositories/refreshTokensRepository';
import { createSessionsRepository } from './repositories/sessionsRepository';
import { createThrottleRepository } from './repositories/throttleRepository';
import { createUsersRepository } from './repositories/usersRepository';
import { createAuthService } from './services/authService';
import { refreshCatalogueScores } from './services/catalogueScores';
import { createCollectionsService } from './services/collectionsService';
import { createPasswordHasher, type PasswordCost, type PasswordHasher } from './services/passwords';
import { createRatingsService } from './services/ratingsService';
import { createRequestCounter } from './services/requestCounter';
import { createSummaryService } from './services/summaryService';
import { createUserViews } from './services/userViews';
import { createFailureBackoff, createRateLimiter } from './services/throttling';
import { createTokenSigner } from './services/tokens';

export interface ServiceDependencies {
  config: Config;
  db: Client;
  logger: AppLogger;
  generator: SummaryGenerator;
  /** scrypt's cost; the OWASP default unless a test asks for a cheaper one. */
  passwordCost?: Partial<PasswordCost>;
  /** A hasher of the test's own (to count the hashes a request spends); built from passwordCost otherwise. */
  passwordHasher?: PasswordHasher;
  /** Milliseconds since the epoch for the throttling windows; tests move it by hand. */
  clock?: () => number;
}

/** Wires repositories and services over one database; handlers receive the result. */
export function createServices({ config, db: database, logger, generator, passwordCost, passwordHasher, clock }: ServiceDependencies) {
  // A write a handler makes carries its request's write-limit count (lib/http/limitWrites) in the same batch; and in
  // a signed-in request every call carries the sign-in's liveness check until one has confirmed it, so neither
  // costs a round trip of its own. The request counter writes beside them on the bare client: refused requests count too.
  const db = guardedClient(database);
  const movies = createMoviesRepository(db);
  const users = createUsersRepository(db);
  const throttle = createThrottleRepository(db);
  const rateLimiter = createRateLimiter({ throttle, now: clock });
  // One budget for every instance: LLM_MAX_CALLS_PER_HOUR generations in a window of an hour.
  const llmCalls = { name: 'llm', limit: config.throttling.llmMaxCallsPerHour, windowSeconds: 60 * 60 };
  return {
    config,
    db,
    logger,
    movies,
    ratings: createRatingsService({ ratings: createRatingsRepository(db) }),
    summaries: createSummaryService({
      movies,
      generator,
      budgetMs: config.llm.timeoutMs,
      logger,
      callBudget: { spend: () => rateLimiter.capped(llmCalls, 'all').countAlone() },
      fallback: createFactsSummaryGenerator(),
      now: clock,
    }),
    requestCounter: createRequestCounter({ counter: createRequestCounterRepository(database), logger }),
    requestGuard: { confirmSignIn: () => confirmSignIn(database) },
    collections: createCollectionsService({ collections: createCollectionsRepository(db), movies }),
    /** C of the Bayesian score, and every score with it (the scheduled refreshScores). */
    catalogueScores: { refresh: () => refreshCatalogueScores({ movies, minVotes: config.scoreMinVotes }) },
    users,
    userViews: createUserViews({ users }),
    rateLimiter,
    idempotencyKeys: createIdempotencyRepository(db),
    auth: createAuthService({
      users,
      refreshTokens: createRefreshTokensRepository(db),
      sessions: createSessionsRepository(db),
      passwords: passwordHasher ?? createPasswordHasher(passwordCost),
      signInBackoff: createFailureBackoff({ throttle, maxFailures: config.throttling.authMaxFailures, now: clock }),
      tokens: createTokenSigner({ secret: config.auth.jwtSecret }),
    }),
  };
}

export type Services = ReturnType<typeof createServices>;

let containerServices: Promise<Services> | undefined;

/** What a container does once, before its first request: warn of a throwaway secret, ensure the admin. */
export async function prepareServices(services: Services): Promise<Services> {
  const { auth } = services.config;
  if (auth.jwtSecretGenerated) {
    services.logger.warn('JWT_SECRET is not set: tokens are signed with a random key and stop working when this process ends');
  }
  if (auth.admin) await services.auth.ensureAdmin(auth.admin);
  return services;
}

/** For the functions that write no summaries: reaching the LLM from one of them is a wiring mistake. */
const noSummaryWriter: SummaryGenerator = {
  generate: () => Promise.reject(new Error('this function has no summary writer; only getMovie is given one')),
};

/**
 * This Lambda container's services: built on the first invocation, reused by every warm one. Only the
 * function that writes summaries passes its writer, so every other bundle leaves the LLM client (over
 * half of a bundle's bytes) out, and starts faster for it.
 */
export function getServices(summaryWriter: () => SummaryGenerator = () => noSummaryWriter): Promise<Services> {
  containerServices ??= getDb()
    .then((db) => prepareServices(createServices({ config: getConfig(), db, logger: getLogger(), generator: summaryWriter() })))
    .catch((error: unknown) => {
      containerServices = undefined;
      throw error;
    });
  return containerServices;
}
