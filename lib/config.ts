import { randomBytes } from 'node:crypto';
import * as z from 'zod';

/** Environment flags arrive as strings; only "true"/"1" and "false"/"0" are accepted. */
const booleanFlag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1');

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

/** A request to a libSQL server that has not answered in this long is given up: the caller gets a 503, not a hang. */
export const DEFAULT_DATABASE_TIMEOUT_MS = 2000;

/** file: and :memory: databases live inside the process (or its container's disk). */
export const isLocalDatabase = (url: string) => url.startsWith('file:') || url === ':memory:';

const runsInAwsLambda = (env: { AWS_LAMBDA_FUNCTION_NAME?: string; IS_OFFLINE?: string }) =>
  env.AWS_LAMBDA_FUNCTION_NAME !== undefined && env.IS_OFFLINE !== 'true';

const environmentSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    DATABASE_URL: z.string().trim().min(1).default('file:.data/movies.db'),
    DATABASE_AUTH_TOKEN: optionalString,
    // How long one request to a libSQL server may take before the caller is answered 503 (the server may be gone).
    DATABASE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(DEFAULT_DATABASE_TIMEOUT_MS),
    SEED_DATA: booleanFlag(true),
    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: optionalString.pipe(z.url().optional()),
    OPENAI_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
    LLM_TIMEOUT_MS: z.coerce.number().int().min(1).max(120_000).default(8000),
    LLM_MAX_CALLS_PER_HOUR: z.coerce.number().int().min(0).max(1_000_000).default(500),
    JWT_SECRET: optionalString.pipe(z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional()),
    ADMIN_EMAIL: optionalString,
    ADMIN_PASSWORD: optionalString,
    REQUIRE_AUTH_FOR_WRITES: booleanFlag(false),
    AUTH_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
    AUTH_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(20),
    WRITE_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(60),
    // The write limit's window: a minute, unless a test wants one it can wait out.
    WRITE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    SCORE_MIN_VOTES: z.coerce.number().int().min(0).max(1_000_000).default(10),
    // AWS Lambda sets AWS_LAMBDA_FUNCTION_NAME; serverless-offline sets it too, and IS_OFFLINE=true.
    AWS_LAMBDA_FUNCTION_NAME: optionalString,
    IS_OFFLINE: optionalString,
    LOG_LEVEL: z
      .string()
      .default('INFO')
      .transform((level) => level.toUpperCase())
      .pipe(z.enum(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT', 'CRITICAL'])),
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.JWT_SECRET !== undefined, {
    path: ['JWT_SECRET'],
    message: 'JWT_SECRET is required when NODE_ENV=production',
  })
  .refine((env) => !runsInAwsLambda(env) || !isLocalDatabase(env.DATABASE_URL), {
    path: ['DATABASE_URL'],
    message:
      'a deployed Lambda needs a libSQL server or Turso (libsql://, https://); a file: or :memory: database would be lost with its container',
  })
  .refine((env) => !runsInAwsLambda(env) || !/^wss?:/.test(env.DATABASE_URL), {
    path: ['DATABASE_URL'],
    message:
      "a deployed Lambda speaks HTTP to its database (libsql://, https://): its bundle carries no WebSocket client, and a frozen container's socket would die unseen",
  });

export interface Config {
  nodeEnv: 'development' | 'test' | 'production';
  database: { url: string; authToken?: string; timeoutMs: number };
  seedData: boolean;
  llm: { apiKey?: string; baseUrl?: string; model: string; timeoutMs: number };
  auth: {
    jwtSecret: string;
    /** True when no JWT_SECRET was given and a random one was made for this process. */
    jwtSecretGenerated: boolean;
    requireAuthForWrites: boolean;
    admin?: { email: string; password: string };
  };
  throttling: {
    /** Wrong passwords in a row for one email before sign-in answers 429. */
    authMaxFailures: number;
    /** Requests a minute one client (source IP) may make to /auth/*. */
    authRatePerMinute: number;
    /** Writes (POST, PUT, PATCH, DELETE outside /auth/*) one client may make per window: the signed-in user, else the source IP. */
    writeRatePerMinute: number;
    /** The write limit's window: 60 seconds; shorter only in tests that wait one out. */
    writeWindowSeconds: number;
    /** Summary generations an hour across every instance: the owner's LLM spending limit. */
    llmMaxCallsPerHour: number;
  };
  logLevel: string;
  /** m in the Bayesian score: how many ratings weigh as much as the catalogue mean. */
  scoreMinVotes: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates an environment once and turns it into the typed configuration the rest of lib/ reads. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return {
    nodeEnv: e.NODE_ENV,
    database: { url: e.DATABASE_URL, authToken: e.DATABASE_AUTH_TOKEN, timeoutMs: e.DATABASE_TIMEOUT_MS },
    seedData: e.SEED_DATA,
    llm: { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL, timeoutMs: e.LLM_TIMEOUT_MS },
    auth: {
      jwtSecret: e.JWT_SECRET ?? randomBytes(32).toString('base64url'),
      jwtSecretGenerated: e.JWT_SECRET === undefined,
      requireAuthForWrites: e.REQUIRE_AUTH_FOR_WRITES,
      admin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD } : undefined,
    },
    throttling: {
      authMaxFailures: e.AUTH_MAX_FAILURES,
      authRatePerMinute: e.AUTH_RATE_PER_MINUTE,
      writeRatePerMinute: e.WRITE_RATE_PER_MINUTE,
      writeWindowSeconds: e.WRITE_WINDOW_SECONDS,
      llmMaxCallsPerHour: e.LLM_MAX_CALLS_PER_HOUR,
    },
    logLevel: e.LOG_LEVEL,
    scoreMinVotes: e.SCORE_MIN_VOTES,
  };
}

/**
 * Whether this process is a Lambda runtime (AWS's, or serverless-offline's, which sets the same variable): there a
 * function's module is loaded during INIT, before its first event.
 */
export const insideLambdaRuntime = (): boolean => process.env.AWS_LAMBDA_FUNCTION_NAME !== undefined;

let cached: Config | undefined;

/** The configuration of this process (one Lambda container), read from the environment once. */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
