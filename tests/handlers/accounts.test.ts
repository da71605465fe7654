import { createUsersRepository } from '../../lib/repositories/usersRepository';
import type { RouteContract } from '../../lib/schemas/routes/contract';
import { logoutRoute, refreshTokenRoute } from '../../lib/schemas/routes/auth';
import { deleteMeRoute, deleteUserRoute, getMeRoute } from '../../lib/schemas/routes/users';
import { AuthTokens } from '../../lib/schemas/auth';
import { logout } from '../../functions/auth/logout';
import { refreshToken } from '../../functions/auth/refreshToken';
import { deleteMe } from '../../functions/users/deleteMe';
import { deleteUser } from '../../functions/users/deleteUser';
import { getMe } from '../../functions/users/getMe';
import { bearer, signUp } from '../support/auth';
import { invokeRoute, type AnyImplementation, type RouteRequest } from '../support/invokeRoute';
import { createTestServices, type TestServices } from '../support/services';

type Headers = Record<string, string> | undefined;

describe('ending sign-ins and accounts', () => {
  let services: TestServices;
  let ann: Awaited<ReturnType<typeof signUp>>;
  beforeEach(async () => {
    services = await createTestServices();
    ann = await signUp(services);
  });
  const call = <R extends RouteContract>(route: R, implementation: AnyImplementation<R>, headers: Headers, request: RouteRequest = {}) =>
    invokeRoute(route, implementation, services, { ...request, headers });
  const me = (headers: Headers) => call(getMeRoute, getMe, headers);
  const refresh = (token: string) => call(refreshTokenRoute, refreshToken, undefined, { body: { refresh_token: token } });
  const signOut = (body: unknown) => call(logoutRoute, logout, undefined, { body });
  const deleteMyself = (headers: Headers, body: unknown) => call(deleteMeRoute, deleteMe, headers, { body });
  const deleteAccount = (headers: Headers, id: number) => call(deleteUserRoute, deleteUser, headers, { params: { id } });

  describe('POST /auth/logout/', () => {
    it('answers 204 and refuses from then on the refresh token and every access token of that sign-in', async () => {
      const other = await services.auth.signIn(ann.email, ann.password);

      expect((await signOut({ refresh_token: ann.refresh_token })).statusCode).toBe(204);

      expect((await me(ann.headers)).statusCode).toBe(401);
      expect((await refresh(ann.refresh_token)).statusCode).toBe(401);
      expect((await me(bearer(other.access_token))).statusCode).toBe(200);
    });

    it('ends the sign-in of a refresh token that was already rotated', async () => {
      const next = AuthTokens.parse((await refresh(ann.refresh_token)).body);

      expect((await signOut({ refresh_token: next.refresh_token })).statusCode).toBe(204);

      expect((await me(bearer(next.access_token))).statusCode).toBe(401);
    });

    it('answers 401 to an access token or garbage, and 400 without a refresh token', async () => {
      expect((await signOut({ refresh_token: ann.access_token })).statusCode).toBe(401);
      expect((await signOut({ refresh_token: 'garbage' })).statusCode).toBe(401);
      expect((await signOut({})).statusCode).toBe(400);
      expect((await me(ann.headers)).statusCode).toBe(200);
    });
  });

  describe('deleting an account', () => {
    let movieId: number;
    let otherMovieId: number;
    beforeEach(async () => {
      movieId = (await services.movies.create({ title: 'Heat', genres: [] })).id;
      otherMovieId = (await services.movies.create({ title: 'Ronin', genres: [] })).id;
      const bob = await signUp(services);
      await services.ratings.rateAsUser({ movieId, value: 2, userId: bob.id });
      await services.ratings.rateAsUser({ movieId, value: 5, userId: ann.id });
      await services.ratings.rateAsUser({ movieId: otherMovieId, value: 4, userId: ann.id });
      await services.collections.create(ann.id, { title: 'Mine', description: null, movies: [movieId] });
    });

    const expectAnnGone = async () => {
      expect(await services.movies.get(movieId)).toMatchObject({
        rating: 2,
        rating_count: 1,
        rating_distribution: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 0 },
      });
      const other = await services.movies.get(otherMovieId);
      expect(other).toMatchObject({ rating: null, rating_count: 0, score: null, rating_distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } });
      expect((await me(ann.headers)).statusCode).toBe(401);
      expect((await refresh(ann.refresh_token)).statusCode).toBe(401);
      expect(await createUsersRepository(services.db).findById(ann.id)).toBeUndefined();
      expect((await services.collections.list(ann.id, { page: 1, page_size: 20 })).count).toBe(0);
    };

    it("deletes the caller's own account with DELETE /users/me/ after re-checking the password: 204", async () => {
      expect((await deleteMyself(ann.headers, { password: 'not-my-password' })).statusCode).toBe(401);
      expect((await me(ann.headers)).statusCode).toBe(200);

      expect((await deleteMyself(ann.headers, { password: ann.password })).statusCode).toBe(204);

      await expectAnnGone();
    });

    it('answers 400 without a password and 401 without a token', async () => {
      expect((await deleteMyself(ann.headers, {})).statusCode).toBe(400);
      expect((await deleteMyself(undefined, { password: ann.password })).statusCode).toBe(401);
    });

    it('lets an admin delete any account with DELETE /users/{id}/: 204, then 404', async () => {
      const admin = await signUp(services, { role: 'admin' });

      expect((await deleteAccount(admin.headers, ann.id)).statusCode).toBe(204);

      await expectAnnGone();
      expect((await deleteAccount(admin.headers, ann.id)).statusCode).toBe(404);
    });

    it('refuses DELETE /users/{id}/ to a basic user with 403', async () => {
      const bob = await signUp(services);

      expect((await deleteAccount(bob.headers, ann.id)).statusCode).toBe(403);
      expect((await me(ann.headers)).statusCode).toBe(200);
    });

    it("never gives a deleted account's id to the next account", async () => {
      const admin = await signUp(services, { role: 'admin' });
      const newest = await signUp(services);
      await deleteAccount(admin.headers, newest.id);

      expect((await signUp(services)).id).toBeGreaterThan(newest.id);
    });
  });
});
