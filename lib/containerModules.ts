/*
 * The modules the container builds its services from, each required where its service is first built (lib/container.ts)
 * rather than imported at the top: esbuild evaluates a module on its first require, so a function's cold start
 * evaluates only what its route uses (getMovie's never the CSV parser, the token signer or the recommendations).
 * `typeof import(…)` keeps every use typed.
 */

/**
 * A module required on first use and kept: a bundle's require() of a module esbuild converted builds its CommonJS view
 * anew on every call (its exports copied onto a fresh object), which the container, building services for every
 * request, would otherwise pay each time (about 8 µs a request for getMovie's).
 */
function kept<T>(load: () => T): () => T {
  let module: T | undefined;
  return () => (module ??= load());
}

/* eslint-disable @typescript-eslint/no-require-imports -- required on first use, on purpose: see above */
export const modules = {
  authService: kept(() => require('./services/authService') as typeof import('./services/authService')),
  catalogueService: kept(() => require('./services/catalogueService') as typeof import('./services/catalogueService')),
  collectionsService: kept(() => require('./services/collectionsService') as typeof import('./services/collectionsService')),
  moviesService: kept(() => require('./services/moviesService') as typeof import('./services/moviesService')),
  passwords: kept(() => require('./services/passwords') as typeof import('./services/passwords')),
  portableRatingsService: kept(() => require('./services/portableRatingsService') as typeof import('./services/portableRatingsService')),
  ratingsService: kept(() => require('./services/ratingsService') as typeof import('./services/ratingsService')),
  recommendationsService: kept(() => require('./services/recommendationsService') as typeof import('./services/recommendationsService')),
  requestCountService: kept(() => require('./services/requestCountService') as typeof import('./services/requestCountService')),
  summaryService: kept(() => require('./services/summaryService') as typeof import('./services/summaryService')),
  throttling: kept(() => require('./services/throttling') as typeof import('./services/throttling')),
  tokens: kept(() => require('./services/tokens') as typeof import('./services/tokens')),
  usersService: kept(() => require('./services/usersService') as typeof import('./services/usersService')),
  watchlistService: kept(() => require('./services/watchlistService') as typeof import('./services/watchlistService')),
  factsSummaryGenerator: kept(() => require('./llm/factsSummaryGenerator') as typeof import('./llm/factsSummaryGenerator')),
  catalogueRepository: kept(() => require('./repositories/catalogueRepository') as typeof import('./repositories/catalogueRepository')),
  collectionsRepository: kept(
    () => require('./repositories/collectionsRepository') as typeof import('./repositories/collectionsRepository'),
  ),
  idempotencyRepository: kept(
    () => require('./repositories/idempotencyRepository') as typeof import('./repositories/idempotencyRepository'),
  ),
  movieSearchRepository: kept(
    () => require('./repositories/movieSearchRepository') as typeof import('./repositories/movieSearchRepository'),
  ),
  moviesRepository: kept(() => require('./repositories/moviesRepository') as typeof import('./repositories/moviesRepository')),
  movieSummariesRepository: kept(
    () => require('./repositories/movieSummariesRepository') as typeof import('./repositories/movieSummariesRepository'),
  ),
  portableRatingsRepository: kept(
    () => require('./repositories/portableRatingsRepository') as typeof import('./repositories/portableRatingsRepository'),
  ),
  ratingsRepository: kept(() => require('./repositories/ratingsRepository') as typeof import('./repositories/ratingsRepository')),
  recommendationsRepository: kept(
    () => require('./repositories/recommendationsRepository') as typeof import('./repositories/recommendationsRepository'),
  ),
  refreshTokensRepository: kept(
    () => require('./repositories/refreshTokensRepository') as typeof import('./repositories/refreshTokensRepository'),
  ),
  requestCountRepository: kept(
    () => require('./repositories/requestCountRepository') as typeof import('./repositories/requestCountRepository'),
  ),
  sessionsRepository: kept(() => require('./repositories/sessionsRepository') as typeof import('./repositories/sessionsRepository')),
  similarMoviesRepository: kept(
    () => require('./repositories/similarMoviesRepository') as typeof import('./repositories/similarMoviesRepository'),
  ),
  throttleRepository: kept(() => require('./repositories/throttleRepository') as typeof import('./repositories/throttleRepository')),
  usersRepository: kept(() => require('./repositories/usersRepository') as typeof import('./repositories/usersRepository')),
  watchlistRepository: kept(() => require('./repositories/watchlistRepository') as typeof import('./repositories/watchlistRepository')),
};
/* eslint-enable @typescript-eslint/no-require-imports */
