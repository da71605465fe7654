/*
 * The modules the container builds its services from, each required where its service is first built (lib/container.ts)
 * rather than imported at the top: esbuild evaluates a module on its first require, so a function's cold start
 * evaluates only what its route uses (getMovie's never the CSV parser, the token signer or the recommendations).
 * `typeof import(…)` keeps every use typed.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- required on first use, on purpose: see above */
export const modules = {
  authService: () => require('./services/authService') as typeof import('./services/authService'),
  catalogueService: () => require('./services/catalogueService') as typeof import('./services/catalogueService'),
  collectionsService: () => require('./services/collectionsService') as typeof import('./services/collectionsService'),
  moviesService: () => require('./services/moviesService') as typeof import('./services/moviesService'),
  passwords: () => require('./services/passwords') as typeof import('./services/passwords'),
  portableRatingsService: () => require('./services/portableRatingsService') as typeof import('./services/portableRatingsService'),
  ratingsService: () => require('./services/ratingsService') as typeof import('./services/ratingsService'),
  recommendationsService: () => require('./services/recommendationsService') as typeof import('./services/recommendationsService'),
  requestCountService: () => require('./services/requestCountService') as typeof import('./services/requestCountService'),
  summaryService: () => require('./services/summaryService') as typeof import('./services/summaryService'),
  throttling: () => require('./services/throttling') as typeof import('./services/throttling'),
  tokens: () => require('./services/tokens') as typeof import('./services/tokens'),
  usersService: () => require('./services/usersService') as typeof import('./services/usersService'),
  watchlistService: () => require('./services/watchlistService') as typeof import('./services/watchlistService'),
  factsSummaryGenerator: () => require('./llm/factsSummaryGenerator') as typeof import('./llm/factsSummaryGenerator'),
  catalogueRepository: () => require('./repositories/catalogueRepository') as typeof import('./repositories/catalogueRepository'),
  collectionsRepository: () => require('./repositories/collectionsRepository') as typeof import('./repositories/collectionsRepository'),
  idempotencyRepository: () => require('./repositories/idempotencyRepository') as typeof import('./repositories/idempotencyRepository'),
  movieSearchRepository: () => require('./repositories/movieSearchRepository') as typeof import('./repositories/movieSearchRepository'),
  moviesRepository: () => require('./repositories/moviesRepository') as typeof import('./repositories/moviesRepository'),
  movieSummariesRepository: () =>
    require('./repositories/movieSummariesRepository') as typeof import('./repositories/movieSummariesRepository'),
  portableRatingsRepository: () =>
    require('./repositories/portableRatingsRepository') as typeof import('./repositories/portableRatingsRepository'),
  ratingsRepository: () => require('./repositories/ratingsRepository') as typeof import('./repositories/ratingsRepository'),
  recommendationsRepository: () =>
    require('./repositories/recommendationsRepository') as typeof import('./repositories/recommendationsRepository'),
  refreshTokensRepository: () =>
    require('./repositories/refreshTokensRepository') as typeof import('./repositories/refreshTokensRepository'),
  requestCountRepository: () => require('./repositories/requestCountRepository') as typeof import('./repositories/requestCountRepository'),
  sessionsRepository: () => require('./repositories/sessionsRepository') as typeof import('./repositories/sessionsRepository'),
  similarMoviesRepository: () =>
    require('./repositories/similarMoviesRepository') as typeof import('./repositories/similarMoviesRepository'),
  throttleRepository: () => require('./repositories/throttleRepository') as typeof import('./repositories/throttleRepository'),
  usersRepository: () => require('./repositories/usersRepository') as typeof import('./repositories/usersRepository'),
  watchlistRepository: () => require('./repositories/watchlistRepository') as typeof import('./repositories/watchlistRepository'),
};
/* eslint-enable @typescript-eslint/no-require-imports */
