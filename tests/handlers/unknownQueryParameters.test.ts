import { getMovie } from '../../functions/movies/getMovie';
import { health } from '../../functions/health/health';
import { listMovies } from '../../functions/movies/listMovies';
import { healthRoute } from '../../lib/schemas/routes/health';
import { getMovieRoute, listMoviesRoute } from '../../lib/schemas/routes/movies';
import { invokeRoute } from '../support/invokeRoute';
import { createTestServices, type TestServices } from '../support/services';

/**
 * Outside finding (issue 20): `GET /movies/?ids=…` answered the whole catalogue, the parameter silently ignored. A
 * query parameter a route does not take is a mistake of the caller's, and is named in a 400, on every route.
 */
describe('a query parameter the route does not take', () => {
  let services: TestServices;
  beforeEach(async () => {
    services = await createTestServices();
    await services.movies.create({ title: 'Heat' });
  });

  it('answers 400 naming it on the listing, and stores or lists nothing', async () => {
    const response = await invokeRoute(listMoviesRoute, listMovies, services, { query: { colour: 'red', page: '1' } });

    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.body).toMatchObject({
      status: 400,
      detail: 'colour is not a query parameter of this route',
      errors: [{ path: 'colour', message: 'is not a query parameter of this route' }],
    });
  });

  it('answers 400 on a route that takes no query at all, naming each parameter', async () => {
    const response = await invokeRoute(healthRoute, health, services, { query: { verbose: '1', x: '' } });

    expect(response.statusCode).toBe(400);
    expect(response.body).toMatchObject({
      detail: 'the request has 2 invalid fields',
      errors: [
        { path: 'verbose', message: 'is not a query parameter of this route' },
        { path: 'x', message: 'is not a query parameter of this route' },
      ],
    });
  });

  it('reports it beside the other invalid fields of the request', async () => {
    const response = await invokeRoute(getMovieRoute, getMovie, services, { params: { id: 'abc' }, query: { expand: 'all' } });

    expect(response.statusCode).toBe(400);
    expect((response.body as { errors: { path: string }[] }).errors.map((error) => error.path).sort()).toEqual(['expand', 'id']);
  });

  it('still takes every parameter the route declares', async () => {
    const response = await invokeRoute(listMoviesRoute, listMovies, services, {
      query: { page: '1', page_size: '5', search: 'heat', genre: 'Crime', ordering: '-year' },
    });

    expect(response.statusCode).toBe(200);
  });
});
