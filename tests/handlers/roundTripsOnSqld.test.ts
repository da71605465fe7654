import type { Client } from '@libsql/client';
import { openMigratedDatabase } from '../../lib/db/client';
import type { RouteContract } from '../../lib/schemas/routes/contract';
import { getMovieRoute, listMoviesRoute } from '../../lib/schemas/routes/movies';
import { createRatingRoute } from '../../lib/schemas/routes/ratings';
import { getMovie } from '../../functions/movies/getMovie';
import { listMovies } from '../../functions/movies/listMovies';
import { createRating } from '../../functions/ratings/createRating';
import { readyRoute } from '../../lib/schemas/routes/health';
import { ready } from '../../functions/health/ready';
import { startSqld, type Sqld } from '../../harness/sqld';
import { signUp } from '../support/auth';
import { invokeRoute, type AnyImplementation, type RouteRequest } from '../support/invokeRoute';
import { createTestServices, type TestServices } from '../support/services';

/**
 * Deployed, a function reaches its database over HTTP (sqld, Turso), and every HTTP request is a stream the server
 * opens and a round trip the request waits for. A warm request sends one: the request counter's increment travels in
 * the route's first call, not in a request of its own. Counted from the server's side (its metrics), not as calls.
 */
describe('HTTP requests to a libSQL server (sqld) per warm request', () => {
  let server: Sqld;
  let remote: Client;
  let services: TestServices;
  let movieId: number;

  beforeAll(async () => {
    server = await startSqld();
    remote = await openMigratedDatabase({ url: server.url });
    services = await createTestServices({ db: remote });
    movieId = (await services.movies.create({ title: 'One Request', genres: ['Drama'] })).id;
    await services.db.execute({ sql: "UPDATE movies SET summary = 'Stored.', summary_source = 'simulated' WHERE id = ?", args: [movieId] });
  });
  afterAll(async () => {
    remote.close();
    await server.close();
  });

  const requestsOf = async <R extends RouteContract>(
    route: R,
    implementation: AnyImplementation<R>,
    request: RouteRequest,
    status: number,
  ) => {
    const before = await server.requests();
    const answer = await invokeRoute(route, implementation, services, request);
    const sent = (await server.requests()) - before;
    expect(answer.statusCode).toBe(status);
    return sent;
  };
  const total = async () => (await services.requestCount.total()) as number;

  it('reads a movie in one HTTP request, the request counted in it', async () => {
    const counted = await total();

    expect(await requestsOf(getMovieRoute, getMovie, { params: { id: movieId } }, 200)).toBe(1);
    expect(await total()).toBe(counted + 1);
  });

  it('lists movies in one HTTP request, the request counted in it', async () => {
    const counted = await total();

    expect(await requestsOf(listMoviesRoute, listMovies, { query: { search: 'one' } }, 200)).toBe(1);
    expect(await total()).toBe(counted + 1);
  });

  it('stores a rating in one HTTP request: the count, the write charge and the rating in one batch', async () => {
    const counted = await total();

    expect(await requestsOf(createRatingRoute, createRating, { body: { movie: movieId, value: 4 } }, 201)).toBe(1);
    expect(await total()).toBe(counted + 1);
  });

  it("stores a signed-in user's rating in one HTTP request, the sign-in's liveness in it too", async () => {
    const user = await signUp(services);
    const counted = await total();

    expect(await requestsOf(createRatingRoute, createRating, { body: { movie: movieId, value: 5 }, headers: user.headers }, 201)).toBe(1);
    expect(await total()).toBe(counted + 1);
  });

  it('asks whether the database answers (readiness) in one HTTP request, the request counted in it', async () => {
    const counted = await total();

    expect(await requestsOf(readyRoute, ready, {}, 200)).toBe(1);
    expect(await total()).toBe(counted + 1);
  });

  it('counts a request answered without the database (a 400) once, alone', async () => {
    const counted = await total();

    expect(await requestsOf(getMovieRoute, getMovie, { params: { id: 'x' } }, 400)).toBe(1);
    expect(await total()).toBe(counted + 1);
  });

  it('counts a request whose batch failed (an unknown film) once, after the failure rolled its increment back', async () => {
    const counted = await total();

    const sent = await requestsOf(createRatingRoute, createRating, { body: { movie: 999999, value: 4 } }, 404);
    expect(await total()).toBe(counted + 1);
    expect(sent).toBeLessThanOrEqual(3);
  });
});
