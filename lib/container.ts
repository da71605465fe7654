import type { Client } from '@libsql/client';
import { getConfig, insideLambdaRuntime, type Config } from './config';
import { DatabaseUnavailable } from './errors';
import { modules } from './containerModules';
import { createLibsqlClient, getDb, openMigratedDatabase } from './db/client';
import { databaseAnswers } from './db/readiness';
import { RequestDatabase } from './db/requestDatabase';
import type { SummaryGenerator } from './llm/summaryGenerator';
import { getLogger, requestLogger, type AppLogger } from './logger';
import type { IdempotencyRepository } from './repositories/idempotencyRepository';
import type { RequestDuties } from './requestDuties';
import type { AuthService } from './services/authService';
import type { CatalogueService } from './services/catalogueService';
import type { CollectionsService } from './services/collectionsService';
import type { MoviesService } from './services/moviesService';
import type { PasswordCost, PasswordHasher } from './services/passwords';
import type { PortableRatingsService } from './services/portableRatingsService';
import type { RatingsService } from './services/ratingsService';
import type { RecommendationsService } from './services/recommendationsService';
import type { RequestCountService } from './services/requestCountService';
import type { SummaryService } from './services/summaryService';
import type { RateLimiter } from './services/throttling';
import type { UsersService } from './services/usersService';
import type { WatchlistService } from './services/watchlistService';

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

/** The request a container's services are built for: its id, for its log lines. */
export interface RequestScope {
  readonly requestId: string;
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
  requestCount: RequestCountService;
  rateLimiter: RateLimiter;
  idempotencyKeys: IdempotencyRepository;
  /** What the request owes its database, carried by its calls (lib/db/requestDatabase.ts); outside a request, nothing. */
  requestDatabase: RequestDuties;
  /** Readiness: resolves when the database answers within 2 s, else fails with DatabaseUnavailable. */
  readiness: { database(): Promise<void> };
  /**
   * The services of one request: the same, their repositories over a database handle built for that request (which
   * carries its sign-in guard, write charge and request count), their logger putting its id on each line.
   */
  forRequest(request: RequestScope): Services;
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
 * Wires repositories and services over one database. Each is built (its module loaded) when first asked for, so a
 * function that lists movies never loads a password hasher or a token signer. What the container holds (the client,
 * the password hasher and its gate, the token signer, the summary writer and its shared generations, the increments
 * in flight) is built once; `forRequest` gives each request services whose repositories go through a database handle
 * of its own (lib/db/requestDatabase.ts), so its sign-in guard, write charge and request count ride on its own calls.
 * The services returned here work outside any request (scripts, a test arranging rows): their calls owe nothing.
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
  // Over the network a round trip is the cost, so the count rides in the request's first call; on a local file it
  // goes beside, so a read stays a read (no write lock).
  const countRides = database.protocol !== 'file';
  const pending = new Set<Promise<void>>();
  const llmLimiter = once(() =>
    modules.throttling().createRateLimiter({ throttle: modules.throttleRepository().createThrottleRepository(database), now: clock }),
  );
  // One budget for every instance: LLM_MAX_CALLS_PER_HOUR generations in a window of an hour.
  const llmCalls = { name: 'llm', limit: config.throttling.llmMaxCallsPerHour, windowSeconds: 60 * 60 };
  const containerWide = {
    passwords: once(() => passwordHasher ?? modules.passwords().createPasswordHasher(passwordCost)),
    tokens: once(() => modules.tokens().createTokenSigner({ secret: config.auth.jwtSecret })),
    // The increment a request owes is a statement made here and sent by the request's database.
    counterRows: once(() => modules.requestCountRepository().createRequestCountRepository(database)),
    // Concurrent reads of one film, whichever request they serve, share one generation.
    summaryState: once(() => modules.summaryService().createSummaryState()),
  };

  const servicesOver = (request: RequestDatabase, logger: AppLogger): Services => {
    const db = request.client;
    const repository = {
      movies: once(() => modules.moviesRepository().createMoviesRepository(db)),
      users: once(() => modules.usersRepository().createUsersRepository(db)),
      throttle: once(() => modules.throttleRepository().createThrottleRepository(db)),
    };
    const rateLimiter = once(() => modules.throttling().createRateLimiter({ throttle: repository.throttle(), now: clock }));
    return builtOnUse<Services>({
      config: () => config,
      logger: () => logger,
      movies: () =>
        modules.moviesService().createMoviesService({
          movies: repository.movies(),
          search: modules.movieSearchRepository().createMovieSearchRepository(db),
          similar: modules.similarMoviesRepository().createSimilarMoviesRepository(db),
        }),
      // Its calls (a lease, a stored summary) are the container's, not the request's: they go on the bare client.
      summaries: () =>
        modules.summaryService().createSummaryService({
          store: modules.movieSummariesRepository().createMovieSummariesRepository(database),
          generator,
          budgetMs: config.llm.timeoutMs,
          logger,
          callBudget: { spend: () => llmLimiter().capped(llmCalls, 'all').countAlone() },
          fallback: modules.factsSummaryGenerator().createFactsSummaryGenerator(),
          now: clock,
          state: containerWide.summaryState(),
        }),
      ratings: () => modules.ratingsService().createRatingsService({ ratings: modules.ratingsRepository().createRatingsRepository(db) }),
      recommendations: () =>
        modules.recommendationsService().createRecommendationsService({
          recommendations: modules.recommendationsRepository().createRecommendationsRepository(db),
        }),
      portableRatings: () =>
        modules.portableRatingsService().createPortableRatingsService({
          store: modules.portableRatingsRepository().createPortableRatingsRepository(db),
        }),
      watchlist: () =>
        modules.watchlistService().createWatchlistService({ watchlist: modules.watchlistRepository().createWatchlistRepository(db) }),
      collections: () =>
        modules.collectionsService().createCollectionsService({
          collections: modules.collectionsRepository().createCollectionsRepository(db),
          movies: repository.movies(),
        }),
      users: () => modules.usersService().createUsersService({ users: repository.users() }),
      auth: () =>
        modules.authService().createAuthService({
          users: repository.users(),
          refreshTokens: modules.refreshTokensRepository().createRefreshTokensRepository(db),
          sessions: modules.sessionsRepository().createSessionsRepository(db),
          passwords: containerWide.passwords(),
          signInBackoff: modules.throttling().createFailureBackoff({
            throttle: repository.throttle(),
            maxFailures: config.throttling.authMaxFailures,
            now: clock,
          }),
          tokens: containerWide.tokens(),
        }),
      catalogue: () =>
        modules.catalogueService().createCatalogueService({
          catalogue: modules.catalogueRepository().createCatalogueRepository(db),
          movies: repository.movies(),
          minVotes: config.scoreMinVotes,
        }),
      requestCount: () =>
        modules.requestCountService().createRequestCountService({
          counter: modules.requestCountRepository().createRequestCountRepository(db),
          logger,
          pending,
        }),
      rateLimiter,
      idempotencyKeys: () => modules.idempotencyRepository().createIdempotencyRepository(db),
      requestDatabase: () => request,
      // On the request's own client, so the request's increment rides with its SELECT 1.
      readiness: () => ({ database: () => databaseAnswers(db) }),
      forRequest: () => (scope: RequestScope) => {
        const requestLog = requestLogger(logger, scope.requestId);
        const count = modules
          .requestCountService()
          .createRequestCountService({ counter: containerWide.counterRows(), logger: requestLog, pending })
          .owed();
        return servicesOver(new RequestDatabase(database, { count, countRides }), requestLog);
      },
    });
  };

  return servicesOver(new RequestDatabase(database), logger);
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
 * once, reused by every warm invocation, one container per profile. Inside a Lambda runtime the build starts as the
 * module loads, during INIT, as AWS advises for connections (on demand INIT runs before the first event is handed
 * over, with provisioned concurrency long before), so the first request waits for itself alone. A build that fails
 * then is retried by the first event, which answers the failure as its 500 (503 when the database does not answer);
 * elsewhere nothing opens until asked.
 */
export function servicesFor(contract: { functionName: string; writesSummaries?: boolean; liveness?: boolean }): () => Promise<Services> {
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
  return contract.liveness ? withoutDatabaseWhileUnavailable(services) : services;
}

let unopenedServices: Promise<Services> | undefined;

/**
 * The container, or, while the database cannot be opened, services over a client not yet opened: liveness answers
 * without the database (its request count, which needs it, is dropped quietly), and its next request tries the
 * container again.
 */
const withoutDatabaseWhileUnavailable = (services: () => Promise<Services>) => () =>
  services().catch((error: unknown) => {
    if (!(error instanceof DatabaseUnavailable)) throw error;
    const config = getConfig();
    unopenedServices ??= createLibsqlClient({ ...config.database, logger: getLogger() }).then((db) =>
      createServices({ config, db, logger: getLogger(), generator: noSummaryWriter }),
    );
    return unopenedServices;
  });

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
