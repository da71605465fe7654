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
