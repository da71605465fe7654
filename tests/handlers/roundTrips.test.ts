import type { RouteContract } from '../../lib/schemas/routes/contract';
import { getMovieRoute, listMoviesRoute } from '../../lib/schemas/routes/movies';
import { createRatingRoute, getRatingRoute, changeRatingRoute } from '../../lib/schemas/routes/ratings';
import { getMeRoute } from '../../lib/schemas/routes/users';
import { listRecommendationsRoute } from '../../lib/schemas/routes/recommendations';
import { listRecommendations } from '../../functions/recommendations/listRecommendations';
import { getMovie } from '../../functions/movies/getMovie';
import { listMovies } from '../../functions/movies/listMovies';
import { changeRating } from '../../functions/ratings/changeRating';
import { createRating } from '../../functions/ratings/createRating';
import { getRating } from '../../functions/ratings/getRating';
import { getMe } from '../../functions/users/getMe';
import { signUp } from '../support/auth';
import { createMemoryDatabase } from '../support/database';
import { invokeRoute, type AnyImplementation, type RouteRequest } from '../support/invokeRoute';
import { countRoundTrips, type RoundTripCounter } from '../support/roundTrips';
import { createTestServices, type TestServices } from '../support/services';
import { createMovieSummariesRepository } from '../../lib/repositories/movieSummariesRepository';

/**
 * Round trips to the database per warm request. Deployed, each is a network hop to Turso or a libSQL server, so
 * every route takes at most one on its critical path: the request counter's write travels beside the route's
 * own call, and a token's liveness travels inside it.
 */
describe('round trips to the database per warm request', () => {
  let services: TestServices;
  let counter: RoundTripCounter;
  let movieId: number;
  let user: Awaited<ReturnType<typeof signUp>>;

  beforeEach(async () => {
    counter = countRoundTrips(await createMemoryDatabase());
    services = await createTestServices({ db: counter.client });
    movieId = (await services.movies.create({ title: 'Round Trip', genres: ['Drama'] })).id;
    await createMovieSummariesRepository(services.db).storeSummary(movieId, { summary: 'Cached.', summary_source: 'simulated' });
    user = await signUp(services);
  });

  const measure = async <R extends RouteContract>(
    route: R,
    implementation: AnyImplementation<R>,
    request: RouteRequest,
    status: number,
  ) => {
    counter.reset();
    const response = await invokeRoute(route, implementation, services, request);
    expect({ status: response.statusCode, log: counter.log }).toMatchObject({ status });
    return { calls: counter.calls, rounds: counter.rounds, log: counter.log };
  };
  const movie = () => ({ params: { id: movieId } });

  it('reads a movie with a cached summary in one round: its row, beside the counter', async () => {
    expect(await measure(getMovieRoute, getMovie, movie(), 200)).toMatchObject({ calls: 2, rounds: 1 });
  });

  it('lists movies in one round: the page and its count in one batch, beside the counter', async () => {
    expect(await measure(listMoviesRoute, listMovies, { query: { search: 'round' } }, 200)).toMatchObject({
      calls: 2,
      rounds: 1,
    });
  });

  it('looks up many movies by id in one round: one statement, beside the counter', async () => {
    expect(await measure(listMoviesRoute, listMovies, { query: { ids: `${movieId},999999` } }, 200)).toMatchObject({
      calls: 2,
      rounds: 1,
    });
  });

  it('stores an anonymous rating in one round: one atomic batch, beside the counter', async () => {
    expect(await measure(createRatingRoute, createRating, { body: { movie: movieId, value: 4 } }, 201)).toMatchObject({
      calls: 2,
      rounds: 1,
    });
  });

  it("stores a signed-in user's rating in one round: the sign-in's liveness travels inside the rating's batch", async () => {
    expect(
      await measure(createRatingRoute, createRating, { body: { movie: movieId, value: 4 }, headers: user.headers }, 201),
    ).toMatchObject({
      calls: 2,
      rounds: 1,
    });
  });

  it("reads a movie for a signed-in user in one round: the liveness read beside the movie's", async () => {
    expect(await measure(getMovieRoute, getMovie, { ...movie(), headers: user.headers }, 200)).toMatchObject({ rounds: 1 });
  });

  it("answers /users/me/ in one round, the user's row and the sign-in's liveness together", async () => {
    expect(await measure(getMeRoute, getMe, { headers: user.headers }, 200)).toMatchObject({ rounds: 1 });
  });

  it("recommends films in one round: one bounded statement, the sign-in's liveness beside it", async () => {
    expect(await measure(listRecommendationsRoute, listRecommendations, { headers: user.headers }, 200)).toMatchObject({ rounds: 1 });
  });

  it("reads and changes one's own rating in one round each", async () => {
    const rated = await measure(createRatingRoute, createRating, { body: { movie: movieId, value: 4 }, headers: user.headers }, 201);
    expect(rated.rounds).toBe(1);
    const ratingId = (await services.db.execute('SELECT max(id) AS id FROM ratings')).rows[0]?.id;
    const byId = { params: { id: String(ratingId) }, headers: user.headers };

    expect(await measure(getRatingRoute, getRating, byId, 200)).toMatchObject({ rounds: 1 });
    expect(await measure(changeRatingRoute, changeRating, { ...byId, method: 'PATCH', body: { value: 2 } }, 200)).toMatchObject({
      rounds: 1,
    });
  });
});

describe("a sign-in confirmed by the route's own call", () => {
  it('still answers 401, storing nothing, to a revoked sign-in, whether its request writes, reads or fails validation', async () => {
    const services = await createTestServices();
    const movieId = (await services.movies.create({ title: 'Guarded', genres: [] })).id;
    const user = await signUp(services);
    await services.db.execute({ sql: "UPDATE sessions SET revoked_at = '2026-01-01T00:00:00Z' WHERE user_id = ?", args: [user.id] });
    const call = <R extends RouteContract>(route: R, implementation: AnyImplementation<R>, request: RouteRequest) =>
      invokeRoute(route, implementation, services, { headers: user.headers, ...request });

    const rated = await call(createRatingRoute, createRating, { body: { movie: movieId, value: 5 } });
    const read = await call(getMovieRoute, getMovie, { params: { id: movieId } });
    const invalid = await call(createRatingRoute, createRating, { body: { movie: movieId, value: 9 } });

    expect([rated.statusCode, read.statusCode, invalid.statusCode]).toEqual([401, 401, 401]);
    expect(await services.movies.get(movieId)).toMatchObject({ rating_count: 0 });
  });
});
