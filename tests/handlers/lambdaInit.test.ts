import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { createClient } from '@libsql/client';
import { getMovieRoute } from '../../lib/schemas/routes/movies';
import { invokeRouteHandler } from '../support/invokeRoute';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** The next turn of the event loop: where Lambda's runtime asks for the first event, once the module has loaded. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** getMovie's Lambda entry, loaded afresh (its own container module), as a cold start loads it. */
const loadGetMovie = () => {
  let handler: Handler | undefined;
  jest.isolateModules(() => {
    handler = (require('../../functions/movies/getMovie') as { handler: Handler }).handler;
  });
  return handler!;
};

const migrationsIn = async (url: string) => {
  const db = createClient({ url });
  try {
    const { rows } = await db.execute("SELECT count(*) AS n FROM sqlite_master WHERE name = 'schema_migrations'");
    return Number(rows[0]!.n);
  } finally {
    db.close();
  }
};

/**
 * A function's INIT (the module's load, before its first event) is where Lambda wants a connection opened: on-demand
 * it runs at full speed before the first request is handed over, with provisioned concurrency long before it. So the
 * container (configuration, the database and its migration check) starts building while the module loads, inside a
 * Lambda runtime; elsewhere (tests, scripts) loading a module opens nothing.
 */
describe("a function's container is built during its INIT", () => {
  let folder: string;
  let url: string;
  const saved = { ...process.env };
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'movies-init-'));
    url = `file:${join(folder, 'movies.db')}`;
    process.env.DATABASE_URL = url;
    process.env.JWT_SECRET = 'lambda-init-test-secret-long-enough-0123';
    delete process.env.OPENAI_API_KEY;
  });
  afterEach(() => {
    process.env = { ...saved };
    rmSync(folder, { recursive: true, force: true });
  });

  it('opens and migrates the database while the module loads inside a Lambda runtime, before any event', async () => {
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'movie-rating-api-dev-getMovie';
    process.env.IS_OFFLINE = 'true';

    loadGetMovie();
    await nextTurn();

    expect(await migrationsIn(url)).toBe(1);
  });

  it('answers the first event from the container built during INIT', async () => {
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'movie-rating-api-dev-getMovie';
    process.env.IS_OFFLINE = 'true';
    const getMovie = loadGetMovie();
    await nextTurn();

    const missing = await invokeRouteHandler(getMovieRoute, getMovie, { params: { id: 1 } });

    expect(missing.statusCode).toBe(404);
  });

  it('opens nothing while the module loads outside a Lambda runtime (tests, scripts)', async () => {
    delete process.env.AWS_LAMBDA_FUNCTION_NAME;

    loadGetMovie();
    await nextTurn();

    expect(existsSync(fileURLToPath(url))).toBe(false);
  });

  it('leaves a database that cannot be opened during INIT to the first event, which answers 500 problem+json', async () => {
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'movie-rating-api-dev-getMovie';
    process.env.IS_OFFLINE = 'true';
    // A folder where the database file should be is a file: the database cannot be created.
    writeFileSync(join(folder, 'blocked'), '');
    process.env.DATABASE_URL = `file:${join(folder, 'blocked', 'movies.db')}`;
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const getMovie = loadGetMovie();
      await nextTurn();
      await nextTurn();

      const failed = await invokeRouteHandler(getMovieRoute, getMovie, { params: { id: 1 } });

      expect(unhandled).not.toHaveBeenCalled();
      expect(failed.statusCode).toBe(500);
      expect(failed.headers?.['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
