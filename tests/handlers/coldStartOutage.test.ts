import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { healthRoute } from '../../lib/schemas/routes/health';
import { getMovieRoute } from '../../lib/schemas/routes/movies';
import { invokeRouteHandler } from '../support/invokeRoute';
import { startSqld, type Sqld } from '../../harness/sqld';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** A function's Lambda entry loaded afresh (its own container module), as a cold start loads it. */
const coldLoad = (path: string) => {
  let handler: Handler | undefined;
  jest.isolateModules(() => {
    handler = (require(path) as { handler: Handler }).handler;
  });
  return handler!;
};

/** A container that starts while its sqld is gone: nothing is cached of the failure, and liveness never waits on it. */
describe('a cold start while sqld is down', () => {
  let sqld: Sqld;
  const saved = { ...process.env };
  beforeEach(async () => {
    sqld = await startSqld();
    process.env.DATABASE_URL = sqld.url;
    process.env.JWT_SECRET = 'cold-start-outage-secret-long-enough-0123';
    delete process.env.OPENAI_API_KEY;
    await sqld.kill();
  });
  afterEach(async () => {
    process.env = { ...saved };
    await sqld.close();
  });

  it('answers GET /health/ 200: liveness does not need the database', async () => {
    const health = coldLoad('../../functions/health/health');

    expect(await invokeRouteHandler(healthRoute, health, {})).toMatchObject({ statusCode: 200, body: { status: 'ok' } });
  });

  it('answers a read 503 with Retry-After, then 200 from the same container once sqld is back', async () => {
    const getMovie = coldLoad('../../functions/movies/getMovie');

    const refused = await invokeRouteHandler(getMovieRoute, getMovie, { params: { id: 1 } });
    await sqld.start();
    const served = await invokeRouteHandler(getMovieRoute, getMovie, { params: { id: 1 } });

    expect(refused).toMatchObject({ statusCode: 503, headers: { 'retry-after': expect.stringMatching(/^\d+$/) } });
    expect(served.statusCode).toBe(404); // the database answers: there is no movie 1 yet
  });
});
