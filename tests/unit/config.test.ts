import { ConfigError, parseConfig } from '../../lib/config';

describe('parseConfig: the database of a deployed Lambda', () => {
  const inLambda = { AWS_LAMBDA_FUNCTION_NAME: 'movie-rating-api-prod-getMovie' };

  it.each([['file:/tmp/movies.db'], ['file:.data/movies.db'], [':memory:']])(
    'refuses the local database %s inside AWS Lambda, where it would die with the container',
    (url) => {
      expect(() => parseConfig({ ...inLambda, DATABASE_URL: url })).toThrow(ConfigError);
      expect(() => parseConfig({ ...inLambda, DATABASE_URL: url })).toThrow(/DATABASE_URL.*libSQL server/);
    },
  );

  it('refuses the default file database inside AWS Lambda', () => {
    expect(() => parseConfig(inLambda)).toThrow(/DATABASE_URL/);
  });

  it.each([['libsql://movies-acme.turso.io'], ['https://db.example.com'], ['http://127.0.0.1:8080']])(
    'accepts the server URL %s',
    (url) => {
      expect(parseConfig({ ...inLambda, DATABASE_URL: url }).database.url).toBe(url);
    },
  );

  // A deployed bundle carries only the HTTP client (no ws package): over WebSocket a frozen container's socket dies unseen.
  it.each([['ws://127.0.0.1:8080'], ['wss://movies-acme.turso.io']])(
    'refuses the WebSocket URL %s inside AWS Lambda, saying to use an HTTP one',
    (url) => {
      expect(() => parseConfig({ ...inLambda, DATABASE_URL: url })).toThrow(ConfigError);
      expect(() => parseConfig({ ...inLambda, DATABASE_URL: url })).toThrow(/DATABASE_URL.*(libsql|https):\/\//);
    },
  );

  it('accepts a WebSocket URL outside AWS Lambda, and under serverless-offline', () => {
    expect(parseConfig({ DATABASE_URL: 'ws://127.0.0.1:8080' }).database.url).toBe('ws://127.0.0.1:8080');
    expect(parseConfig({ ...inLambda, IS_OFFLINE: 'true', DATABASE_URL: 'ws://127.0.0.1:8080' }).database.url).toBe('ws://127.0.0.1:8080');
  });

  it('accepts a file database under serverless-offline, which sets IS_OFFLINE and a Lambda name', () => {
    expect(parseConfig({ ...inLambda, IS_OFFLINE: 'true', DATABASE_URL: 'file:/tmp/movies.db' }).database.url).toBe('file:/tmp/movies.db');
  });

  it('accepts a file database outside Lambda', () => {
    expect(parseConfig({ DATABASE_URL: 'file:/tmp/movies.db' }).database.url).toBe('file:/tmp/movies.db');
  });
});

describe('parseConfig: throttling', () => {
  it('defaults to 5 failures in a row per email and 20 auth requests a minute per client', () => {
    expect(parseConfig({}).throttling).toMatchObject({ authMaxFailures: 5, authRatePerMinute: 20 });
  });

  it('reads AUTH_MAX_FAILURES and AUTH_RATE_PER_MINUTE', () => {
    expect(parseConfig({ AUTH_MAX_FAILURES: '3', AUTH_RATE_PER_MINUTE: '100' }).throttling).toMatchObject({
      authMaxFailures: 3,
      authRatePerMinute: 100,
    });
  });

  it.each([
    ['AUTH_MAX_FAILURES', '0'],
    ['AUTH_RATE_PER_MINUTE', 'many'],
    ['AUTH_RATE_PER_MINUTE', '-1'],
  ])('refuses %s=%s', (name, value) => {
    expect(() => parseConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});

describe('parseConfig: write limits', () => {
  it('defaults to 60 writes a minute per client', () => {
    expect(parseConfig({}).throttling).toMatchObject({ writeRatePerMinute: 60, writeWindowSeconds: 60 });
  });

  it('reads WRITE_RATE_PER_MINUTE, and WRITE_WINDOW_SECONDS (a shorter minute, for tests)', () => {
    expect(parseConfig({ WRITE_RATE_PER_MINUTE: '5', WRITE_WINDOW_SECONDS: '2' }).throttling).toMatchObject({
      writeRatePerMinute: 5,
      writeWindowSeconds: 2,
    });
  });

  it.each([
    ['WRITE_RATE_PER_MINUTE', '0'],
    ['WRITE_RATE_PER_MINUTE', 'lots'],
    ['WRITE_WINDOW_SECONDS', '0'],
  ])('refuses %s=%s', (name, value) => {
    expect(() => parseConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});

describe('parseConfig: the LLM budget', () => {
  it('defaults to 500 summary generations an hour', () => {
    expect(parseConfig({}).throttling).toMatchObject({ llmMaxCallsPerHour: 500 });
  });

  it('reads LLM_MAX_CALLS_PER_HOUR, 0 included (no LLM calls at all)', () => {
    expect(parseConfig({ LLM_MAX_CALLS_PER_HOUR: '0' }).throttling).toMatchObject({ llmMaxCallsPerHour: 0 });
  });

  it.each(['-1', 'plenty'])('refuses LLM_MAX_CALLS_PER_HOUR=%s', (value) => {
    expect(() => parseConfig({ LLM_MAX_CALLS_PER_HOUR: value })).toThrow(/LLM_MAX_CALLS_PER_HOUR/);
  });
});

describe('parseConfig: every other variable', () => {
  it('defaults each one', () => {
    const config = parseConfig({});

    expect(config).toEqual({
      nodeEnv: 'development',
      database: { url: 'file:.data/movies.db', authToken: undefined, timeoutMs: 2000 },
      seedData: true,
      llm: { apiKey: undefined, baseUrl: undefined, model: 'gpt-4o-mini', timeoutMs: 8000 },
      auth: { jwtSecret: expect.any(String) as string, jwtSecretGenerated: true, requireAuthForWrites: false, admin: undefined },
      throttling: { authMaxFailures: 5, authRatePerMinute: 20, writeRatePerMinute: 60, writeWindowSeconds: 60, llmMaxCallsPerHour: 500 },
      logLevel: 'INFO',
      scoreMinVotes: 10,
    });
    expect(config.auth.jwtSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('reads each one, trimming text and taking a blank as unset', () => {
    const config = parseConfig({
      NODE_ENV: 'test',
      DATABASE_URL: ' libsql://db.example.com ',
      DATABASE_AUTH_TOKEN: ' token ',
      DATABASE_TIMEOUT_MS: '500',
      SEED_DATA: '0',
      OPENAI_API_KEY: '   ',
      OPENAI_BASE_URL: 'http://127.0.0.1:4010/v1',
      OPENAI_MODEL: 'gpt-test',
      LLM_TIMEOUT_MS: '100',
      JWT_SECRET: 'x'.repeat(32),
      ADMIN_EMAIL: 'admin@example.com',
      ADMIN_PASSWORD: 'secret password',
      REQUIRE_AUTH_FOR_WRITES: 'true',
      SCORE_MIN_VOTES: '0',
      LOG_LEVEL: 'debug',
    });

    expect(config).toMatchObject({
      nodeEnv: 'test',
      database: { url: 'libsql://db.example.com', authToken: 'token', timeoutMs: 500 },
      seedData: false,
      llm: { apiKey: undefined, baseUrl: 'http://127.0.0.1:4010/v1', model: 'gpt-test', timeoutMs: 100 },
      auth: { jwtSecret: 'x'.repeat(32), jwtSecretGenerated: false, requireAuthForWrites: true },
      logLevel: 'DEBUG',
      scoreMinVotes: 0,
    });
    expect(config.auth.admin).toEqual({ email: 'admin@example.com', password: 'secret password' });
  });

  it.each([
    ['NODE_ENV', 'staging'],
    ['DATABASE_URL', '  '],
    ['DATABASE_TIMEOUT_MS', '99'],
    ['DATABASE_TIMEOUT_MS', '1.5'],
    ['SEED_DATA', 'yes'],
    ['OPENAI_BASE_URL', 'not a url'],
    ['OPENAI_MODEL', ' '],
    ['LLM_TIMEOUT_MS', '0'],
    ['JWT_SECRET', 'short'],
    ['REQUIRE_AUTH_FOR_WRITES', 'TRUE'],
    ['SCORE_MIN_VOTES', '-1'],
    ['LOG_LEVEL', 'verbose'],
  ])('refuses %s=%j, naming it', (name, value) => {
    expect(() => parseConfig({ [name]: value })).toThrow(new RegExp(`invalid configuration: .*${name}: `));
  });

  it('refuses production without a JWT_SECRET', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: JWT_SECRET is required when NODE_ENV=production/);
  });

  it('says what a short JWT_SECRET lacks', () => {
    expect(() => parseConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET must be at least 32 characters/);
  });

  it('names every invalid variable at once', () => {
    expect(() => parseConfig({ AUTH_MAX_FAILURES: '0', LOG_LEVEL: 'loud' })).toThrow(/AUTH_MAX_FAILURES: .*; LOG_LEVEL: /);
  });
});
