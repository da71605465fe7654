import type { RouteContract } from '../../lib/schemas/routes/contract';
import { Rating } from '../../lib/schemas/ratings';
import { createMovieRoute } from '../../lib/schemas/routes/movies';
import {
  createRatingRoute,
  deleteRatingRoute,
  getRatingRoute,
  listRatingsRoute,
  changeRatingRoute,
} from '../../lib/schemas/routes/ratings';
import { createMovie } from '../../functions/movies/createMovie';
import { createRating } from '../../functions/ratings/createRating';
import { deleteRating } from '../../functions/ratings/deleteRating';
import { getRating } from '../../functions/ratings/getRating';
import { listRatings } from '../../functions/ratings/listRatings';
import { changeRating } from '../../functions/ratings/changeRating';
import { signUp } from '../support/auth';
import { invokeRoute, type AnyImplementation, type RouteRequest } from '../support/invokeRoute';
import { createTestServices, type TestServices } from '../support/services';

type Caller = { headers: Record<string, string> } | undefined;

describe('owned ratings', () => {
  let services: TestServices;
  let movieId: number;
  let ann: Awaited<ReturnType<typeof signUp>>;
  let bob: Awaited<ReturnType<typeof signUp>>;
  let admin: Awaited<ReturnType<typeof signUp>>;
  beforeEach(async () => {
    services = await createTestServices();
    movieId = (await services.movies.create({ title: 'Owned' })).id;
    [ann, bob, admin] = await Promise.all([signUp(services), signUp(services), signUp(services, { role: 'admin' })]);
  });

  const call = <R extends RouteContract>(route: R, implementation: AnyImplementation<R>, caller: Caller, request: RouteRequest = {}) =>
    invokeRoute(route, implementation, services, { ...request, headers: caller?.headers });
  const rate = (caller: Caller, value: number, movie = movieId) =>
    call(createRatingRoute, createRating, caller, { body: { movie, value } });
  const byId = (id: number) => ({ params: { id } });
  const get = (caller: Caller, id: number) => call(getRatingRoute, getRating, caller, byId(id));
  const put = (caller: Caller, id: number, body: unknown) => call(changeRatingRoute, changeRating, caller, { ...byId(id), body });
  const patch = (caller: Caller, id: number, body: unknown) =>
    call(changeRatingRoute, changeRating, caller, { ...byId(id), method: 'PATCH', body });
  const remove = (caller: Caller, id: number) => call(deleteRatingRoute, deleteRating, caller, byId(id));
  const list = (caller: Caller, query?: Record<string, string>) => call(listRatingsRoute, listRatings, caller, { query });
  const aggregates = () => services.movies.get(movieId);
  const idOf = (response: { body: unknown }) => (response.body as { id: number }).id;

  describe('POST /ratings/ signed in', () => {
    it('records the rating with its user and answers 201', async () => {
      const response = await rate(ann, 4);

      expect(response.statusCode).toBe(201);
      expect(Rating.parse(response.body)).toMatchObject({ movie: movieId, value: 4, user: ann.id });
    });

    it('replaces the value when the same user rates again: 200, same id, exact aggregates', async () => {
      const first = await rate(ann, 4);
      await rate(bob, 2);

      const again = await rate(ann, 1);

      expect(again.statusCode).toBe(200);
      expect(again.body).toMatchObject({ id: idOf(first), value: 1, user: ann.id });
      expect(await aggregates()).toMatchObject({ rating_count: 2, rating: 1.5 });
    });

    it('keeps anonymous ratings working beside signed-in ones', async () => {
      expect(await rate(undefined, 5)).toMatchObject({ statusCode: 201, body: { user: null } });
      expect(await rate(undefined, 3)).toMatchObject({ statusCode: 201, body: { user: null } });
      await rate(ann, 4);
      expect(await aggregates()).toMatchObject({ rating_count: 3, rating: 4 });
    });

    it('answers 404 for an unknown movie and stores nothing', async () => {
      expect((await rate(ann, 3, movieId + 100)).statusCode).toBe(404);
      expect(await aggregates()).toMatchObject({ rating_count: 0 });
    });
  });

  describe('REQUIRE_AUTH_FOR_WRITES=true', () => {
    beforeEach(async () => {
      const db = services.db;
      services = await createTestServices({ db, env: { REQUIRE_AUTH_FOR_WRITES: 'true' } });
    });

    it('refuses anonymous ratings and movies with 401 and stores nothing, and accepts signed-in ones', async () => {
      expect((await rate(undefined, 5)).statusCode).toBe(401);
      expect((await call(createMovieRoute, createMovie, undefined, { body: { title: 'Anonymous' } })).statusCode).toBe(401);
      expect(await aggregates()).toMatchObject({ rating_count: 0 });

      expect((await rate(ann, 5)).statusCode).toBe(201);
      expect((await call(createMovieRoute, createMovie, ann, { body: { title: 'Signed' } })).statusCode).toBe(201);
    });
  });

  describe('GET /ratings/{id}/', () => {
    it('answers the owner and an admin, and 404 to anyone else', async () => {
      const id = idOf(await rate(ann, 4));

      expect(await get(ann, id)).toMatchObject({ statusCode: 200, body: { id, value: 4, user: ann.id } });
      expect(await get(admin, id)).toMatchObject({ statusCode: 200, body: { id } });
      expect((await get(bob, id)).statusCode).toBe(404);
      expect((await get(ann, id + 1000)).statusCode).toBe(404);
      expect((await get(undefined, id)).statusCode).toBe(401);
    });

    it('hides anonymous ratings from every basic user', async () => {
      const id = idOf(await rate(undefined, 4));

      expect((await get(ann, id)).statusCode).toBe(404);
      expect((await get(admin, id)).statusCode).toBe(200);
    });

    it('answers 400 for a malformed id', async () => {
      expect((await call(getRatingRoute, getRating, ann, { params: { id: 'x' } })).statusCode).toBe(400);
    });
  });

  describe('PUT and PATCH /ratings/{id}/', () => {
    it.each([
      ['PUT', put],
      ['PATCH', patch],
    ])('lets the owner change the value with %s, keeping the aggregates exact', async (_method, change) => {
      const id = idOf(await rate(ann, 4));
      await rate(bob, 2);

      const response = await change(ann, id, { value: 5 });

      expect(response).toMatchObject({ statusCode: 200, body: { id, value: 5, user: ann.id } });
      expect(await aggregates()).toMatchObject({ rating_count: 2, rating: 3.5 });
    });

    it.each([
      ['PUT', put],
      ['PATCH', patch],
    ])('answers 404 to another user with %s and change nothing; an admin may change it', async (_method, change) => {
      const id = idOf(await rate(ann, 4));

      expect((await change(bob, id, { value: 1 })).statusCode).toBe(404);
      expect(await aggregates()).toMatchObject({ rating_count: 1, rating: 4 });
      expect(await change(admin, id, { value: 2 })).toMatchObject({ statusCode: 200, body: { value: 2, user: ann.id } });
      expect(await aggregates()).toMatchObject({ rating_count: 1, rating: 2 });
    });

    it.each([[{ value: 0 }], [{ value: 6 }], [{ value: 2.5 }], [{}]])('refuses %j with a 400 and change nothing', async (body) => {
      const id = idOf(await rate(ann, 4));

      expect((await put(ann, id, body)).statusCode).toBe(400);
      expect((await patch(ann, id, body)).statusCode).toBe(400);
      expect(await aggregates()).toMatchObject({ rating: 4 });
    });
  });

  describe('DELETE /ratings/{id}/', () => {
    it('lets the owner delete with 204 and takes the value out of the aggregates', async () => {
      const id = idOf(await rate(ann, 4));
      await rate(bob, 2);

      const response = await remove(ann, id);

      expect(response.statusCode).toBe(204);
      expect(response.body).toBeUndefined();
      expect(await aggregates()).toMatchObject({ rating_count: 1, rating: 2 });
      expect((await get(ann, id)).statusCode).toBe(404);
      expect((await remove(ann, id)).statusCode).toBe(404);
    });

    it('answers 404 to another user and keeps the rating; an admin may delete it', async () => {
      const id = idOf(await rate(ann, 4));

      expect((await remove(bob, id)).statusCode).toBe(404);
      expect(await aggregates()).toMatchObject({ rating_count: 1 });
      expect((await remove(admin, id)).statusCode).toBe(204);
      expect(await aggregates()).toMatchObject({ rating_count: 0, rating: null });
    });
  });

  describe('GET /ratings/', () => {
    it("answers a page of the caller's own ratings only", async () => {
      const other = (await services.movies.create({ title: 'Second' })).id;
      await rate(ann, 4);
      await rate(ann, 3, other);
      await rate(bob, 5);

      const response = await list(ann, { page_size: '1' });

      expect(response).toMatchObject({ statusCode: 200, body: { count: 2, page: 1, page_size: 1, total_pages: 2 } });
      expect((response.body as { results: unknown[] }).results).toEqual([expect.objectContaining({ user: ann.id })]);
      expect(await list(ann, { page: '3', page_size: '1' })).toMatchObject({ statusCode: 200, body: { count: 2, results: [] } });
    });

    it.each([[{ page: '0' }], [{ page_size: '101' }], [{ page_size: '0' }], [{ page: 'x' }]])('answers 400 to %j', async (query) => {
      expect((await list(ann, query)).statusCode).toBe(400);
    });

    it('answers 401 without a token', async () => {
      expect((await list(undefined)).statusCode).toBe(401);
    });
  });
});
