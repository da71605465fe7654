import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Plugin } from 'esbuild';
import type { Services } from '../../lib/container';
import type { modules } from '../../lib/containerModules';
import type { StackServices } from '../../lib/http/context';

type ModuleName = keyof typeof modules;

/**
 * The modules of lib/containerModules.ts each service is built from (lib/container.ts:createServices), so that a
 * function's bundle holds the modules of the services it can reach and no other: getMovie's no CSV parser, no
 * recommendations. tests/unit/build/functionModules.test.ts builds each service and checks this list against the
 * modules it really required.
 */
export const modulesOfService: Record<keyof Services, readonly ModuleName[]> = {
  config: [],
  logger: [],
  movies: ['moviesService', 'moviesRepository', 'movieSearchRepository', 'similarMoviesRepository'],
  summaries: ['summaryService', 'movieSummariesRepository', 'factsSummaryGenerator', 'throttling', 'throttleRepository'],
  ratings: ['ratingsService', 'ratingsRepository'],
  recommendations: ['recommendationsService', 'recommendationsRepository'],
  portableRatings: ['portableRatingsService', 'portableRatingsRepository'],
  watchlist: ['watchlistService', 'watchlistRepository'],
  collections: ['collectionsService', 'collectionsRepository', 'moviesRepository'],
  users: ['usersService', 'usersRepository'],
  auth: [
    'authService',
    'usersRepository',
    'refreshTokensRepository',
    'sessionsRepository',
    'passwords',
    'throttling',
    'throttleRepository',
    'tokens',
  ],
  catalogue: ['catalogueService', 'catalogueRepository', 'moviesRepository'],
  requestCount: ['requestCountService', 'requestCountRepository'],
  rateLimiter: ['throttling', 'throttleRepository'],
  idempotencyKeys: ['idempotencyRepository'],
  requestDatabase: [],
  readiness: [],
  // Each request's services owe the request counter's increment (lib/container.ts:forRequest).
  forRequest: ['requestCountService', 'requestCountRepository'],
};

/**
 * What every function's container may be asked for, whatever its handler names: the HTTP stack's services, and auth,
 * which prepareServices uses to ensure the admin once per process.
 */
export const servicesOfEveryFunction = [
  'config',
  'logger',
  'rateLimiter',
  'auth',
  'requestDatabase',
  'idempotencyKeys',
  'forRequest',
] as const satisfies readonly (keyof StackServices)[];

/** The services a function's handler names: its `Pick<Services, 'a' | 'b'>`, which the type checker holds it to. */
export function servicesNamedBy(entrySource: string): (keyof Services)[] {
  const picks = [...entrySource.matchAll(/Pick<\s*Services\s*,([^>]+)>/g)].map((match) => match[1]!);
  return picks.flatMap((pick) => [...pick.matchAll(/'(\w+)'/g)].map((name) => name[1] as keyof Services));
}

/** The modules a function's bundle needs: those of its handler's services and of the services every function has. */
export function modulesOfFunction(entrySource: string): Set<ModuleName> {
  const services = [...servicesOfEveryFunction, ...servicesNamedBy(entrySource)];
  return new Set(services.flatMap((service) => modulesOfService[service] ?? []));
}

const containerModulesFile = /[/\\]lib[/\\]containerModules\.ts$/;
const containerFile = /[/\\]lib[/\\]container\.ts$/;

/**
 * An esbuild plugin: in a build of one function (as serverless-esbuild builds each), lib/containerModules.ts requires
 * only the modules of the services that function can reach, and lib/container.ts loads the LLM writer only in a
 * function whose handler names `summaries`. A module left out is a module that throws when required, naming itself,
 * so a wiring mistake fails loudly (npm run check:artifacts and the e2e suite run the bundles). A build of several
 * entries at once (the bench's) keeps every module.
 */
export const onlyReachableModules: Plugin = {
  name: 'only-reachable-modules',
  setup(build) {
    const entries = build.initialOptions.entryPoints;
    const list = Array.isArray(entries) ? entries : Object.values(entries ?? {});
    if (list.length !== 1) return;
    const entry = list[0]!;
    const entrySource = readFileSync(typeof entry === 'string' ? entry : entry.in, 'utf8');
    const kept = modulesOfFunction(entrySource);
    const writesSummaries = servicesNamedBy(entrySource).includes('summaries');

    build.onResolve({ filter: /^\.\/(services|repositories|llm)\/\w+$/ }, ({ path, importer }) =>
      containerModulesFile.test(importer) && !kept.has(basename(path) as ModuleName)
        ? { path, namespace: 'not-in-this-bundle' }
        : undefined,
    );
    build.onResolve({ filter: /^\.\/llm$/ }, ({ path, importer }) =>
      containerFile.test(importer) && !writesSummaries ? { path, namespace: 'not-in-this-bundle' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'not-in-this-bundle' }, ({ path }) => ({
      contents: `throw new Error(${JSON.stringify(`lib/${path.slice(2)} is not in this function's bundle: its handler names no service built from it (scripts/serverless/functionModules.ts)`)});`,
      loader: 'js',
    }));
  },
};

/**
 * An esbuild plugin: the migrations travel in every bundle as text, without their comment lines (a third of their
 * bytes); SQLite never reads them.
 */
export const migrationsWithoutComments: Plugin = {
  name: 'migrations-without-comments',
  setup(build) {
    build.onLoad({ filter: /[/\\]lib[/\\]db[/\\]migrations[/\\][^/\\]+\.sql$/ }, ({ path }) => ({
      contents: readFileSync(path, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '' && !line.trim().startsWith('--'))
        .join('\n'),
      loader: 'text',
    }));
  },
};

/** The plugins serverless.yml's custom.esbuild names (scripts/serverless/esbuildPlugins.js), in order. */
export const esbuildPlugins: Plugin[] = [onlyReachableModules, migrationsWithoutComments];
