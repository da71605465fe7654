import type { Client } from '@libsql/client';
import { getConfig, insideLambdaRuntime, type Config } from './config';
import { getDb, openMigratedDatabase } from './db/client';
import { createFactsSummaryGenerator } from './llm/factsSummaryGenerator';
import type { SummaryGenerator } from './llm/summaryGenerator';
import { getLogger, type AppLogger } from './logger';
import { createCatalogueRepository } from './repositories/catalogueRepository';
import { createCollectionsRepository } from './repositories/collectionsRepository';
import { createIdempotencyRepository } from './repositories/idempotencyRepository';
import { createMovieSearchRepository } from './repositories/movieSearchRepository';
import { createMoviesRepository } from './repositories/moviesRepository';
import { createMovieSummariesRepository } from './repositories/movieSummariesRepository';
import { createPortableRatingsRepository } from './repositories/portableRatingsRepository';
import { createRatingsRepository } from './repositories/ratingsRepository';
import { createRecommendationsRepository } from './repositories/recommendationsRepository';
import { createRefreshTokensRepository } from './repositories/refreshTokensRepository';
import { createRequestCounterRepository } from './repositories/requestCounterRepository';
import { createSessionsRepository } from './repositories/sessionsRepository';
import { createSimilarMoviesRepository } from './repositories/similarMoviesRepository';
import { createThrottleRepository } from './repositories/throttleRepository';
import { createUsersRepository } from './repositories/usersRepository';
import { createWatchlistRepository } from './repositories/watchlistRepository';
import { confirmSignIn, guardedClient } from './requestGuard';
import { createAuthService, type AuthService } from './services/authService';
import { createCatalogueService, type CatalogueService } from './services/catalogueService';
import { createCollectionsService, type CollectionsService } from './services/collectionsService';
import { createMoviesService, type MoviesService } from './services/moviesService';
import { createPasswordHasher, type PasswordCost, type PasswordHasher } from './services/passwords';
import { createPortableRatingsService, type PortableRatingsService } from './services/portableRatingsService';
import { createRatingsService, type RatingsService } from './services/ratingsService';
import { createRecommendationsService, type RecommendationsService } from './services/recommendationsService';
import { createRequestCounter, type RequestCounter } from './services/requestCounter';
import { createSummaryService, type SummaryService } from './services/summaryService';
import { createFailureBackoff, createRateLimiter, type RateLimiter } from './services/throttling';
import { createTokenSigner } from './services/tokens';
import { createUsersService, type UsersService } from './services/usersService';
import { createWatchlistService, type WatchlistService } from './services/watchlistService';
import type { IdempotencyRepository } from './repositories/idempotencyRepository';

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

/** What handlers, the HTTP stack and scripts are given: services only, never the database itself. */
export interface Services {
  config: Config;
  logger: AppLogger;
  movies: MoviesService;
  summaries: SummaryService;
  ratings: RatingsService;
  /** Films for a signed-in person, from the likes of people who share their tastes. */
  recommendations: RecommendationsService;
  /** Your ratings, portable: the CSV import and export. */
  portableRatings: PortableRatingsService;
  watchlist: WatchlistService;
  collections: CollectionsService;
  users: UsersService;
  auth: AuthService;
  /** The dataset import and the refresh of C and every score (scripts and the scheduled refreshScores). */
  catalogue: CatalogueService;
  requestCounter: RequestCounter;
  rateLimiter: RateLimiter;
  idempotencyKeys: IdempotencyRepository;
  /** Confirms a signed-in request's sign-in when none of its calls has (lib/requestGuard). */
  requestGuard: { confirmSignIn(): Promise<void> };
}

/** A value built on first use, then kept. */
function once<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}

/** An object whose every property is built the first time it is read: a function builds only what it uses. */
function builtOnUse<T extends object>(builders: { [K in keyof T]: () => T[K] }): T {
  const built = {} as T;
  for (const [name, build] of Object.entries(builders) as [string, () => unknown][]) {
    Object.defineProperty(built, name, { enumerable: true, get: once(build) });
  }
  return built;
}

/**
 * Wires repositories and services over one database. Each is built when first asked for, so a function that lists
 * movies never builds a password hasher or a token signer. Every repository reads and writes through the request
 * guard's client, so a signed-in request's liveness check and a write's charge ride on its own calls; the request
 * counter writes on the bare client, beside them, so refused requests count too.
 */
export function createServices({
  config,
  db: database,
  logger,
  generator,
  passwordCost,
  passwordHasher,
  clock,
}: ServiceDependencies): Services {
  const db = guardedClient(database);
  const repository = {
    movies: once(() => createMoviesRepository(db)),
    users: once(() => createUsersRepository(db)),
    throttle: once(() => createThrottleRepository(db)),
  };
  const rateLimiter = once(() => createRateLimiter({ throttle: repository.throttle(), now: clock }));
  // One budget for every instance: LLM_MAX_CALLS_PER_HOUR generations in a window of an hour.
  const llmCalls = { name: 'llm', limit: config.throttling.llmMaxCallsPerHour, windowSeconds: 60 * 60 };

  return builtOnUse<Services>({
    config: () => config,
    logger: () => logger,
    movies: () =>
      createMoviesService({
        movies: repository.movies(),
        search: createMovieSearchRepository(db),
        similar: createSimilarMoviesRepository(db),
      }),
    summaries: () =>
      createSummaryService({
        store: createMovieSummariesRepository(db),
        generator,
        budgetMs: config.llm.timeoutMs,
        logger,
        callBudget: { spend: () => rateLimiter().capped(llmCalls, 'all').countAlone() },
        fallback: createFactsSummaryGenerator(),
        now: clock,
      }),
    ratings: () => createRatingsService({ ratings: createRatingsRepository(db) }),
    recommendations: () => createRecommendationsService({ recommendations: createRecommendationsRepository(db) }),
    portableRatings: () => createPortableRatingsService({ store: createPortableRatingsRepository(db) }),
    watchlist: () => createWatchlistService({ watchlist: createWatchlistRepository(db) }),
    collections: () => createCollectionsService({ collections: createCollectionsRepository(db), movies: repository.movies() }),
    users: () => createUsersService({ users: repository.users() }),
    auth: () =>
      createAuthService({
        users: repository.users(),
        refreshTokens: createRefreshTokensRepository(db),
        sessions: createSessionsRepository(db),
        passwords: passwordHasher ?? createPasswordHasher(passwordCost),
        signInBackoff: createFailureBackoff({
          throttle: repository.throttle(),
          maxFailures: config.throttling.authMaxFailures,
          now: clock,
        }),
        tokens: createTokenSigner({ secret: config.auth.jwtSecret }),
      }),
    catalogue: () =>
      createCatalogueService({ catalogue: createCatalogueRepository(db), movies: repository.movies(), minVotes: config.scoreMinVotes }),
    requestCounter: () => createRequestCounter({ counter: createRequestCounterRepository(database), logger }),
    rateLimiter,
    idempotencyKeys: () => createIdempotencyRepository(db),
    requestGuard: () => ({ confirmSignIn: () => confirmSignIn(database) }),
  });
}

/** What a container does once, before its first request: warn of a throwaway secret, ensure the admin. */
export async function prepareServices(services: Services): Promise<Services> {
  const { auth } = services.config;
  if (auth.jwtSecretGenerated) {
    services.logger.warn('JWT_SECRET is not set: tokens are signed with a random key and stop working when this process ends');
  }
  if (auth.admin) await services.auth.ensureAdmin(auth.admin);
  return services;
}

/**
 * What a function's container holds, decided by its contract: whether it writes summaries with the LLM. Functions of
 * one profile share one container; functions of two profiles served from one process get one each.
 */
export interface ContainerProfile {
  summaryWriter: boolean;
}

/** The profile a route contract or a schedule asks for. */
export const profileOf = (contract: { functionName: string; writesSummaries?: boolean }): ContainerProfile => ({
  summaryWriter: contract.writesSummaries === true,
});

/** For the functions that write no summaries: reaching the LLM from one of them is a wiring mistake. */
const noSummaryWriter: SummaryGenerator = {
  generate: () => Promise.reject(new Error("this function's contract writes no summaries, so its container has no summary writer")),
};

/**
 * The LLM-backed writer (or the facts writer without a key), loaded only by a container that writes summaries: the
 * openai client is required on the first summary, so only the functions whose contract writes summaries carry it.
 */
const summaryWriter = async (): Promise<SummaryGenerator> => (await import('./llm')).getSummaryGenerator();

const containers = new Map<string, Promise<Services>>();
let prepared: Promise<unknown> | undefined;

async function buildContainer(profile: ContainerProfile): Promise<Services> {
  const [db, generator] = await Promise.all([getDb(), profile.summaryWriter ? summaryWriter() : noSummaryWriter]);
  const services = createServices({ config: getConfig(), db, logger: getLogger(), generator });
  // Once per process, whichever profile comes first: the admin and the secret are the process's, not a profile's.
  prepared ??= prepareServices(services).catch((error: unknown) => {
    prepared = undefined;
    throw error;
  });
  await prepared;
  return services;
}

/**
 * The services of a function, for its Lambda entry (`createHttpHandler(route, handler, servicesFor(route))`): built
 * once, reused by every warm invocation, one container per profile.
 *
 * Inside a Lambda runtime the build starts as the function's module loads, during INIT, as AWS advises for clients
 * and connections: on demand INIT runs before the first event is handed over, with provisioned concurrency long
 * before any, so the first request waits for itself alone. A build that fails then is left to the first event, which
 * builds again and answers the failure as its 500; elsewhere (tests, scripts) nothing is opened until asked.
 */
export function servicesFor(contract: { functionName: string; writesSummaries?: boolean }): () => Promise<Services> {
  const profile = profileOf(contract);
  const key = JSON.stringify(profile);
  const services = () => {
    let container = containers.get(key);
    if (!container) {
      container = buildContainer(profile).catch((error: unknown) => {
        containers.delete(key);
        throw error;
      });
      containers.set(key, container);
    }
    return container;
  };
  if (insideLambdaRuntime()) services().catch(() => undefined);
  return services;
}

/**
 * Services over the configured database, for a script (`npm run seed`, `refresh-scores`, `create-admin`, a start):
 * a connection of its own, migrated, closed by `close()`. Scripts write no summaries.
 */
export async function openServices(
  config: Config = getConfig(),
  logger: AppLogger = getLogger(),
): Promise<{ services: Services; close(): void }> {
  const db = await openMigratedDatabase(config.database);
  return { services: createServices({ config, db, logger, generator: noSummaryWriter }), close: () => db.close() };
}
