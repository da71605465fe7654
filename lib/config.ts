import { randomBytes } from 'node:crypto';

/** A request to a libSQL server that has not answered in this long is given up: the caller gets a 503, not a hang. */
export const DEFAULT_DATABASE_TIMEOUT_MS = 2000;

/** file: and :memory: databases live inside the process (or its container's disk). */
export const isLocalDatabase = (url: string) => url.startsWith('file:') || url === ':memory:';

const runsInAwsLambda = (env: { AWS_LAMBDA_FUNCTION_NAME?: string; IS_OFFLINE?: string }) =>
  env.AWS_LAMBDA_FUNCTION_NAME !== undefined && env.IS_OFFLINE !== 'true';

/*
 * The environment is read by hand rather than by a zod schema: it is read once, at every cold start, where building
 * and compiling a schema of twenty-odd fields cost more than the rest of the configuration (tools/bench: `npm run bench
 * modules`). The request contracts stay zod's.
 */

/** Collects what is wrong with the environment, so that every problem is named at once. */
class EnvironmentReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Record<string, string | undefined>) {}

  private refuse(name: string, message: string): undefined {
    this.problems.push(`${name}: ${message}`);
    return undefined;
  }

  /** Text, trimmed; blank or unset is undefined. */
  optional(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  /** Text, trimmed, never blank. */
  text(name: string, fallback: string): string {
    const value = this.env[name];
    if (value === undefined) return fallback;
    return value.trim() === '' ? (this.refuse(name, 'must not be blank') ?? fallback) : value.trim();
  }

  /** One of the values given. */
  oneOf<T extends string>(name: string, values: readonly T[], fallback: T, normalise = (value: string) => value): T {
    const value = this.env[name];
    if (value === undefined) return fallback;
    const found = values.find((allowed) => allowed === normalise(value));
    return found ?? this.refuse(name, `must be one of ${values.join(', ')}`) ?? fallback;
  }

  /** An integer from min to max, as Number() reads it. */
  integer(name: string, { min, max }: { min: number; max: number }, fallback: number): number {
    const value = this.env[name];
    if (value === undefined) return fallback;
    const number = Number(value);
    if (!Number.isInteger(number) || number < min || number > max) {
      return this.refuse(name, `must be an integer from ${min} to ${max}`) ?? fallback;
    }
    return number;
  }

  /** Environment flags arrive as strings; only "true"/"1" and "false"/"0" are accepted. */
  flag(name: string, fallback: boolean): boolean {
    const value = this.oneOf(name, ['true', 'false', '1', '0'], fallback ? 'true' : 'false');
    return value === 'true' || value === '1';
  }

  /** An absolute URL, or unset. */
  optionalUrl(name: string): string | undefined {
    const value = this.optional(name);
    if (value === undefined || URL.canParse(value)) return value;
    return this.refuse(name, 'must be a URL');
  }

  /** Refuses name when the rule does not hold. */
  require(holds: boolean, name: string, message: string): void {
    if (!holds) this.refuse(name, message);
  }
}

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
  const read = new EnvironmentReader(env);
  const nodeEnv = read.oneOf('NODE_ENV', ['development', 'test', 'production'], 'development');
  const databaseUrl = read.text('DATABASE_URL', 'file:.data/movies.db');
  const jwtSecret = read.optional('JWT_SECRET');
  const adminEmail = read.optional('ADMIN_EMAIL');
  const adminPassword = read.optional('ADMIN_PASSWORD');
  const config: Config = {
    nodeEnv,
    database: {
      url: databaseUrl,
      authToken: read.optional('DATABASE_AUTH_TOKEN'),
      // How long one request to a libSQL server may take before the caller is answered 503 (the server may be gone).
      timeoutMs: read.integer('DATABASE_TIMEOUT_MS', { min: 100, max: 60_000 }, DEFAULT_DATABASE_TIMEOUT_MS),
    },
    seedData: read.flag('SEED_DATA', true),
    llm: {
      apiKey: read.optional('OPENAI_API_KEY'),
      baseUrl: read.optionalUrl('OPENAI_BASE_URL'),
      model: read.text('OPENAI_MODEL', 'gpt-4o-mini'),
      timeoutMs: read.integer('LLM_TIMEOUT_MS', { min: 1, max: 120_000 }, 8000),
    },
    auth: {
      jwtSecret: jwtSecret ?? randomBytes(32).toString('base64url'),
      jwtSecretGenerated: jwtSecret === undefined,
      requireAuthForWrites: read.flag('REQUIRE_AUTH_FOR_WRITES', false),
      admin: adminEmail && adminPassword ? { email: adminEmail, password: adminPassword } : undefined,
    },
    throttling: {
      authMaxFailures: read.integer('AUTH_MAX_FAILURES', { min: 1, max: 1000 }, 5),
      authRatePerMinute: read.integer('AUTH_RATE_PER_MINUTE', { min: 1, max: 1_000_000 }, 20),
      writeRatePerMinute: read.integer('WRITE_RATE_PER_MINUTE', { min: 1, max: 1_000_000 }, 60),
      // The write limit's window: a minute, unless a test wants one it can wait out.
      writeWindowSeconds: read.integer('WRITE_WINDOW_SECONDS', { min: 1, max: 3600 }, 60),
      llmMaxCallsPerHour: read.integer('LLM_MAX_CALLS_PER_HOUR', { min: 0, max: 1_000_000 }, 500),
    },
    logLevel: read.oneOf('LOG_LEVEL', ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT', 'CRITICAL'], 'INFO', (level) =>
      level.toUpperCase(),
    ),
    scoreMinVotes: read.integer('SCORE_MIN_VOTES', { min: 0, max: 1_000_000 }, 10),
  };
  read.require(jwtSecret === undefined || jwtSecret.length >= 32, 'JWT_SECRET', 'JWT_SECRET must be at least 32 characters');
  read.require(nodeEnv !== 'production' || jwtSecret !== undefined, 'JWT_SECRET', 'JWT_SECRET is required when NODE_ENV=production');
  // AWS Lambda sets AWS_LAMBDA_FUNCTION_NAME; serverless-offline sets it too, and IS_OFFLINE=true.
  const deployed = runsInAwsLambda({
    AWS_LAMBDA_FUNCTION_NAME: read.optional('AWS_LAMBDA_FUNCTION_NAME'),
    IS_OFFLINE: read.optional('IS_OFFLINE'),
  });
  read.require(
    !deployed || !isLocalDatabase(databaseUrl),
    'DATABASE_URL',
    'a deployed Lambda needs a libSQL server or Turso (libsql://, https://); a file: or :memory: database would be lost with its container',
  );
  read.require(
    !deployed || !/^wss?:/.test(databaseUrl),
    'DATABASE_URL',
    "a deployed Lambda speaks HTTP to its database (libsql://, https://): its bundle carries no WebSocket client, and a frozen container's socket would die unseen",
  );
  if (read.problems.length > 0) throw new ConfigError(`invalid configuration: ${read.problems.join('; ')}`);
  return config;
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
