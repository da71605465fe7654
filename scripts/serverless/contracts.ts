import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { methodsOf, type RouteContract, type ScheduledFunction } from '../../lib/schemas/routes/contract';
import { buildOpenApiDocument } from '../../lib/openapi/document';
import { allRoutes, allSchedules } from '../../lib/schemas/routes';

export interface HttpApiEvent {
  /** `'*'` is API Gateway's `$default` route: every request no other route matches. */
  httpApi: { method: string; path: string } | '*';
}

export interface ScheduleEvent {
  schedule: string;
}

export interface ServerlessFunction {
  handler: string;
  events: (HttpApiEvent | ScheduleEvent)[];
  timeout?: number;
  package?: { patterns: string[] };
}

/** The function answering what no route matches: 404, or 405 with Allow for a known path. */
export const UNMATCHED_ROUTE = { name: 'unmatchedRoute', handler: 'functions/unmatchedRoute/unmatchedRoute.handler' } as const;

/** The file of a function's handler: functions/<any folder>/<functionName>.ts, which must be there exactly once. */
export function handlerFileOf(projectRoot: string, functionName: string): string {
  const folders = readdirSync(join(projectRoot, 'functions'), { withFileTypes: true }).filter((entry) => entry.isDirectory());
  const found = folders
    .map((folder) => `functions/${folder.name}/${functionName}.ts`)
    .filter((file) => existsSync(join(projectRoot, file)));
  if (found.length !== 1) {
    throw new Error(`route ${functionName} needs exactly one handler file functions/<folder>/${functionName}.ts, found ${found.length}`);
  }
  return found[0]!;
}

/** API Gateway treats /movies and /movies/ as two routes; every route answers both. */
export function slashForms(path: string): string[] {
  const bare = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return bare === '/' ? ['/'] : [bare, `${bare}/`];
}

/**
 * The LLM client travels beside the bundles of the functions whose contract writes summaries: it has no dependencies
 * of its own. (Negated patterns to drop its sources and types make serverless-esbuild zip every file twice, so the
 * package goes in whole: 7.5 MB zipped.)
 */
const LLM_PACKAGE = ['node_modules/openai/**'];

function functionOf(projectRoot: string, route: RouteContract): ServerlessFunction {
  const fn: ServerlessFunction = {
    handler: handlerFileOf(projectRoot, route.functionName).replace(/\.ts$/, '.handler'),
    events: methodsOf(route).flatMap((method) => slashForms(route.path).map((path) => ({ httpApi: { method, path } }))),
  };
  if (route.lambda?.timeout !== undefined) fn.timeout = route.lambda.timeout;
  const patterns = [...(route.writesSummaries ? LLM_PACKAGE : []), ...(route.lambda?.packagePatterns ?? [])];
  if (patterns.length > 0) fn.package = { patterns };
  return fn;
}

/** An EventBridge rate both EventBridge and serverless-offline read the same way (no cron: offline drops its year). */
const RATE = /^rate\((1 (minute|hour|day)|([2-9]|[1-9]\d+) (minutes|hours|days))\)$/;

/** A schedule's expression: its own, or the one its environment variable names when that is set. */
export function scheduleOf({ functionName, schedule, scheduleFromEnv }: ScheduledFunction, env: NodeJS.ProcessEnv): string {
  const override = scheduleFromEnv === undefined ? undefined : env[scheduleFromEnv];
  if (override === undefined || override === '') return schedule;
  if (!RATE.test(override)) {
    throw new Error(
      `${scheduleFromEnv} must be a rate such as rate(1 minute) or rate(10 minutes), got ${JSON.stringify(override)} for ${functionName}`,
    );
  }
  return override;
}

/** serverless.yml's `functions:` section: one function per route contract, one per schedule, and the catch-all. */
export function serverlessFunctions(
  projectRoot: string,
  routes: readonly RouteContract[] = allRoutes,
  schedules: readonly ScheduledFunction[] = allSchedules,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, ServerlessFunction> {
  const functions: Record<string, ServerlessFunction> = {};
  for (const route of routes) {
    if (functions[route.functionName]) throw new Error(`two route contracts name the function ${route.functionName}`);
    functions[route.functionName] = functionOf(projectRoot, route);
  }
  for (const scheduled of schedules) {
    const { functionName, timeout } = scheduled;
    if (functions[functionName]) throw new Error(`a schedule and another contract both name the function ${functionName}`);
    functions[functionName] = {
      handler: handlerFileOf(projectRoot, functionName).replace(/\.ts$/, '.handler'),
      events: [{ schedule: scheduleOf(scheduled, env) }],
      ...(timeout === undefined ? {} : { timeout }),
    };
  }
  functions[UNMATCHED_ROUTE.name] = { handler: UNMATCHED_ROUTE.handler, events: [{ httpApi: '*' }] };
  return functions;
}

/**
 * Writes lib/openapi/openapi.json (served by the openapi function, which bundles it) from the contracts when it
 * differs, so every build serves the document of the routes it deploys. Answers whether the file changed.
 */
export function writeOpenApiDocument(projectRoot: string, routes: readonly RouteContract[] = allRoutes): boolean {
  const file = join(projectRoot, 'lib', 'openapi', 'openapi.json');
  const text = `${JSON.stringify(buildOpenApiDocument(routes), null, 2)}\n`;
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return false;
  writeFileSync(file, text);
  return true;
}
