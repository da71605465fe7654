import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { createMovieRoute, getMovieRoute, listMoviesRoute } from '../../lib/schemas/routes/movies';
import { createTempFileDatabase, type TempFileDatabase } from '../support/database';
import { invokeRouteHandler } from '../support/invokeRoute';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * Deployed, each function is a bundle of its own; serverless-offline and a future merged bundle serve several from
 * one process. The real Lambda entries of createMovie, getMovie and listMovies are loaded here into one module
 * registry (one process, one container module), as a bundle holding the three would load them, so each must still
 * be served what its own contract needs, whichever is called first.
 */
describe('several functions served from one process share one container', () => {
  let database: TempFileDatabase;
  beforeEach(() => {
    database = createTempFileDatabase();
    // The functions read their configuration from the environment, as on Lambda: set once for this file's container.
    process.env.DATABASE_URL = database.url;
    process.env.JWT_SECRET = 'shared-container-test-secret-long-enough';
    delete process.env.OPENAI_API_KEY;
  });
  afterEach(() => database.remove());

  /** The three entries, loaded afresh into one registry of their own. */
  const loadFunctions = () => {
    let loaded: Record<'createMovie' | 'getMovie' | 'listMovies', Handler> | undefined;
    jest.isolateModules(() => {
      loaded = {
        createMovie: (require('../../functions/movies/createMovie') as { handler: Handler }).handler,
        getMovie: (require('../../functions/movies/getMovie') as { handler: Handler }).handler,
        listMovies: (require('../../functions/movies/listMovies') as { handler: Handler }).handler,
      };
    });
    return loaded!;
  };

  const createMovie = async (functions: ReturnType<typeof loadFunctions>) => {
    const response = await invokeRouteHandler(createMovieRoute, functions.createMovie, { body: { title: 'Heat', year: 1995 } });
    expect(response.statusCode).toBe(201);
    return (response.body as { id: number }).id;
  };
  const getMovie = (functions: ReturnType<typeof loadFunctions>, id: number) =>
    invokeRouteHandler(getMovieRoute, functions.getMovie, { params: { id } });

  it('gives getMovie its summary writer when createMovie was served first', async () => {
    const functions = loadFunctions();
    const id = await createMovie(functions);

    const read = await getMovie(functions, id);

    expect(read.statusCode).toBe(200);
    expect(read.body).toMatchObject({ id, summary: expect.stringContaining('Heat'), summary_source: 'facts' });
  });

  it('serves createMovie and listMovies alike when getMovie was served first', async () => {
    const functions = loadFunctions();
    const missing = await getMovie(functions, 1);
    expect(missing.statusCode).toBe(404);

    const id = await createMovie(functions);
    const listed = await invokeRouteHandler(listMoviesRoute, functions.listMovies);
    const read = await getMovie(functions, id);

    expect(listed.body).toMatchObject({ count: 1, results: [{ id, summary: null }] });
    expect(read.body).toMatchObject({ id, summary_source: 'facts' });
  });
});
