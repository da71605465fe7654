import type * as z from 'zod';
import type { FileMediaType } from '../uploadedFile';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who may call a route: anyone, any signed-in user, or an admin. */
export type Access = 'public' | 'user' | 'admin';

/**
 * One endpoint, declared once: it types the handler, drives request validation, feeds the OpenAPI
 * document and generates its function in serverless.yml. A contract is a leaf: lib/http reads contracts,
 * never the reverse.
 */
export interface RouteContract {
  /** The Lambda's name in serverless.yml. */
  functionName: string;
  method: HttpMethod;
  /**
   * Other methods that are the very same operation here: PATCH beside PUT on a resource with one changeable field,
   * where a partial change and a whole one cannot differ. One function answers them all.
   */
  alsoMethods?: readonly HttpMethod[];
  /** OpenAPI-style path with its trailing slash; the route also answers without it. */
  path: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  access: Access;
  /** A public write (POST /movies/, POST /ratings/) that needs a token when REQUIRE_AUTH_FOR_WRITES=true. */
  writes?: boolean;
  /** Liveness (GET /health/): answered even while the database cannot be opened; its request is still counted when it can. */
  liveness?: boolean;
  /**
   * A per-client rate limit this route counts against, when not the one its method implies (see rateLimitOf):
   * 'auth', AUTH_RATE_PER_MINUTE for every /auth/* route.
   */
  rateLimit?: 'auth';
  /**
   * Writes movie summaries with the LLM (getMovie, regenerateSummary): its function's container is given the summary
   * writer, and its package carries the LLM client beside the bundle. No other function loads the LLM client.
   */
  writesSummaries?: boolean;
  /** Takes an Idempotency-Key (docs/USAGE.md, Safe retries): the four POSTs that create something. */
  idempotent?: boolean;
  /**
   * The boolean query parameter that, true, makes a request a dry run (the import's `dry_run`): it changes nothing, so
   * it claims no Idempotency-Key, and the same command without it then runs for real under that key.
   */
  dryRunParam?: string;
  params?: z.ZodType;
  /** Its query parameters; any other parameter is refused with a 400 naming it. */
  query?: z.ZodType;
  /** Its body: JSON unless `bodyMediaTypes` says it is a file, which the schema (UploadedFile) then validates. */
  body?: z.ZodType;
  /**
   * A body that is a file rather than JSON: each media type its Content-Type may say (text in UTF-8), with the schema
   * the OpenAPI document shows for it. The handler receives an UploadedFile.
   */
  bodyMediaTypes?: Partial<Record<FileMediaType, z.ZodType>>;
  /** The body's size limit in bytes, when not the usual 64 KiB (MAX_BODY_BYTES). */
  maxBodyBytes?: number;
  /** The answer it gives when all goes well. */
  response: ResponseContract;
  /** Other successful answers, e.g. the 200 of a re-rating beside the 201 of a first rating. */
  alsoResponds?: readonly ResponseContract[];
  /** Statuses this route can answer besides the common ones implied by its inputs and access. */
  errors?: readonly number[];
  /**
   * Whether a 200 carries an ETag and If-None-Match can answer 304. Implied for GETs with a JSON answer (the stack
   * tags them); a GET answering something else says so when it tags its files itself.
   */
  conditional?: boolean;
  /** How its Lambda differs from the provider's defaults in serverless.yml, which is generated from the contracts. */
  lambda?: LambdaSettings;
}

export interface LambdaSettings {
  /** Seconds, when the provider's default is too short. */
  timeout?: number;
  /** Files the deployed zip carries beside the bundle (serverless `package.patterns`). */
  packagePatterns?: readonly string[];
}

/**
 * The headers of the contract (docs/USAGE.md, Errors) that a route may send; the OpenAPI document declares each where it is
 * sent. Those a route sends on its own success answer are listed in its ResponseContract; the others follow from
 * rules (ETag on conditional GETs, WWW-Authenticate on 401, Allow on 405, Retry-After on 429 and 503).
 */
export type ContractHeader =
  | 'Location'
  | 'ETag'
  | 'Allow'
  | 'Retry-After'
  | 'RateLimit-Policy'
  | 'RateLimit'
  | 'Idempotency-Replayed'
  | 'WWW-Authenticate'
  | 'Content-Disposition'
  | 'Link';

export interface ResponseContract {
  status: number;
  description: string;
  schema?: z.ZodType;
  contentType?: string;
  /** Headers this answer always carries. */
  headers?: readonly ContractHeader[];
  /** Headers this answer carries when they apply (the Link to an export's next part). */
  optionalHeaders?: readonly ContractHeader[];
}

export type RateLimitName = 'auth' | 'write';

/**
 * Whether a route takes a body, told without building its schema: a contract names its body through a getter that builds
 * it on first read (see defineRoute), and a handler's stack, built at INIT, needs to know no more than that it has one.
 */
export const takesBody = (route: RouteContract): boolean => {
  const field = Object.getOwnPropertyDescriptor(route, 'body');
  return field !== undefined && (field.get !== undefined || field.value !== undefined);
};

/** Every method a route answers, its own first. */
export const methodsOf = (route: RouteContract): readonly HttpMethod[] => [route.method, ...(route.alsoMethods ?? [])];

const WRITE_METHODS: ReadonlySet<HttpMethod> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The per-client limit a route counts against: the one it declares, else 'write' (WRITE_RATE_PER_MINUTE) for
 * every write a non-admin may call outside /auth/* (which has its own), so a new write route is limited without a
 * word. Admin-only routes are exempt, as admins are; reads are never limited.
 */
export const rateLimitOf = (route: RouteContract): RateLimitName | undefined =>
  route.rateLimit ??
  (WRITE_METHODS.has(route.method) && route.access !== 'admin' && !route.path.startsWith('/auth/') ? 'write' : undefined);

/**
 * Declares a route. Each call is marked `@__PURE__` where it is made (esbuild honours no function-wide mark across
 * modules), so a function's bundle drops the contracts of its domain's other routes. A contract names its schemas through
 * getters that require their module on first read: a cold start builds the schemas of the route it serves, when a
 * request is first validated, and the response shapes never (only the OpenAPI document reads them).
 */
export const defineRoute = <const R extends RouteContract>(route: R): R => route;

/**
 * A function run on a timer rather than by a request. Declared here like a route contract, and generated
 * into serverless.yml's functions with a `schedule` event. Deployed, EventBridge runs it; under `npm start`
 * serverless-offline (v13) runs the same event while it serves, as a cron: `rate(N minutes)` fires at every
 * multiple of N minutes on the clock.
 */
export interface ScheduledFunction {
  /** The Lambda's name; its handler is functions/<domain>/<functionName>.ts, the domain its contract module's name. */
  functionName: string;
  /** An EventBridge schedule expression. */
  schedule: string;
  timeout?: number;
  /**
   * An environment variable that, when set where serverless reads its configuration (package, deploy, offline),
   * replaces `schedule`: e.g. `rate(1 minute)` for a test that waits for a run while serverless-offline serves.
   */
  scheduleFromEnv?: string;
}
