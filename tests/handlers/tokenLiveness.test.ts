import { decodeJwt, SignJWT } from 'jose';
import type { RouteContract } from '../../lib/schemas/routes/contract';
import { refreshTokenRoute, registerUserRoute, verifyTokenRoute } from '../../lib/schemas/routes/auth';
import { createCollectionRoute } from '../../lib/schemas/routes/collections';
import { createRatingRoute, changeRatingRoute } from '../../lib/schemas/routes/ratings';
import { healthRoute } from '../../lib/schemas/routes/health';
import { resetRequestCountRoute } from '../../lib/schemas/routes/requestCount';
import { createUserRoute, getMeRoute } from '../../lib/schemas/routes/users';
import { AuthTokens } from '../../lib/schemas/auth';
import { refreshToken } from '../../functions/auth/refreshToken';
import { registerUser } from '../../functions/auth/registerUser';
import { verifyToken } from '../../functions/auth/verifyToken';
import { createCollection } from '../../functions/collections/createCollection';
import { health } from '../../functions/health/health';
import { resetRequestCount } from '../../functions/requestCount/resetRequestCount';
import { createRating } from '../../functions/ratings/createRating';
import { changeRating } from '../../functions/ratings/changeRating';
import { createUser } from '../../functions/users/createUser';
import { getMe } from '../../functions/users/getMe';
import { bearer, signUp, uniqueEmail } from '../support/auth';
import { invokeRoute, type AnyImplementation, type RouteRequest } from '../support/invokeRoute';
import { createTestServices, type TestServices } from '../support/services';

const PASSWORD = 'a-long-enough-password';
const TEST_SECRET = new TextEncoder().encode('handler-tests-secret-that-is-long-enough');

type Headers = Record<string, string>;

/** The probe's findings 1 and 2: a token is worth no more than the account and the sign-in behind it. */
describe('token liveness', () => {
  let services: TestServices;
  let movieId: number;
  beforeEach(async () => {
    services = await createTestServices();
    movieId = (await services.movies.create({ title: 'Inception', genres: [] })).id;
  });

  const call = <R extends RouteContract>(
    route: R,
    implementation: AnyImplementation<R>,
    headers: Headers | undefined,
    request: RouteRequest = {},
  ) => invokeRoute(route, implementation, services, { ...request, headers });
  const me = (headers: Headers) => call(getMeRoute, getMe, headers);
  const rate = (headers: Headers, value = 4) => call(createRatingRoute, createRating, headers, { body: { movie: movieId, value } });
  const collect = (headers: Headers) => call(createCollectionRoute, createCollection, headers, { body: { title: 'Mine' } });
  const verify = (token: string) => call(verifyTokenRoute, verifyToken, undefined, { body: { token } });
  const refresh = (token: string) => call(refreshTokenRoute, refreshToken, undefined, { body: { refresh_token: token } });
  const register = async (email = uniqueEmail()) =>
    AuthTokens.parse((await call(registerUserRoute, registerUser, undefined, { body: { email, password: PASSWORD } })).body);
  /** What the probe did: the account disappears from the database behind the API's back. */
  const deleteAccountInDatabase = async (id: number) => {
    await services.db.execute({ sql: 'DELETE FROM ratings WHERE user_id = ?', args: [id] });
    await services.db.execute({ sql: 'DELETE FROM users WHERE id = ?', args: [id] });
  };

  it("never lets a deleted user's token act as the next account to register", async () => {
    const gone = await register();
    await deleteAccountInDatabase(gone.user.id);

    const next = await register();

    expect(next.user.id).not.toBe(gone.user.id);
    expect((await me(bearer(gone.access_token))).statusCode).toBe(401);
    const stolen = await call(changeRatingRoute, changeRating, bearer(gone.access_token), {
      params: { id: '1' },
      body: { value: 1 },
    });
    expect(stolen.statusCode).toBe(401);
  });

  it("refuses with 401 every use of a deleted account's tokens, storing nothing", async () => {
    const gone = await register();
    await deleteAccountInDatabase(gone.user.id);

    expect((await rate(bearer(gone.access_token))).statusCode).toBe(401);
    expect((await collect(bearer(gone.access_token))).statusCode).toBe(401);
    expect((await verify(gone.access_token)).statusCode).toBe(401);
    expect((await verify(gone.refresh_token)).statusCode).toBe(401);
    expect(await services.movies.get(movieId)).toMatchObject({ rating_count: 0 });
  });

  describe('a revoked sign-in where the route itself would not reach the database', () => {
    const revoked = async () => {
      const gone = await register();
      await services.db.execute({ sql: "UPDATE sessions SET revoked_at = 'now' WHERE user_id = ?", args: [gone.user.id] });
      return bearer(gone.access_token);
    };

    it('answers 401, not 200, on a route that makes no database call of its own', async () => {
      const response = await call(healthRoute, health, await revoked());

      expect(response).toMatchObject({ statusCode: 401, headers: { 'www-authenticate': 'Bearer' } });
    });

    it('answers 401, not 400, to a request refused for its body before any database call', async () => {
      const response = await call(createRatingRoute, createRating, await revoked(), {
        body: { movie: movieId, value: 9 },
      });

      expect(response.statusCode).toBe(401);
    });

    it('answers the 400 of a live sign-in as it is', async () => {
      const { headers } = await signUp(services);

      const response = await call(createRatingRoute, createRating, headers, { body: { movie: movieId, value: 9 } });

      expect(response.statusCode).toBe(400);
    });
  });

  it("refuses a deleted admin's token on admin routes", async () => {
    const admin = await signUp(services, { role: 'admin' });
    await deleteAccountInDatabase(admin.id);

    const reset = await call(resetRequestCountRoute, resetRequestCount, admin.headers);
    const promote = await call(createUserRoute, createUser, admin.headers, {
      body: { email: uniqueEmail(), password: PASSWORD, role: 'admin' },
    });

    expect(reset.statusCode).toBe(401);
    expect(promote.statusCode).toBe(401);
  });

  it('takes a role change from the database at the next request, not from the token', async () => {
    const admin = await signUp(services, { role: 'admin' });
    await services.db.execute({ sql: "UPDATE users SET role = 'basic' WHERE id = ?", args: [admin.id] });

    const reset = await call(resetRequestCountRoute, resetRequestCount, admin.headers);

    expect(reset.statusCode).toBe(403);
  });

  it('refuses the access tokens of a sign-in at once when reuse of its refresh token is detected', async () => {
    const first = await register();
    const second = AuthTokens.parse((await refresh(first.refresh_token)).body);
    expect((await me(bearer(second.access_token))).statusCode).toBe(200);

    expect((await refresh(first.refresh_token)).statusCode).toBe(401);

    expect((await me(bearer(first.access_token))).statusCode).toBe(401);
    expect((await me(bearer(second.access_token))).statusCode).toBe(401);
    expect((await verify(second.access_token)).statusCode).toBe(401);
  });

  it("leaves the user's other sign-ins working when one is revoked", async () => {
    const email = uniqueEmail();
    const first = await register(email);
    const other = await services.auth.signIn(email, PASSWORD);

    await refresh(first.refresh_token);
    await refresh(first.refresh_token);

    expect((await me(bearer(other.access_token))).statusCode).toBe(200);
  });

  it('refuses a token whose iat lies in the future', async () => {
    const ann = await register();
    const claims = decodeJwt(ann.access_token);
    const resign = (iat: number) => new SignJWT({ ...claims, iat }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(TEST_SECRET);
    const now = Math.floor(Date.now() / 1000);

    expect((await me(bearer(await resign(now)))).statusCode).toBe(200);
    expect((await me(bearer(await resign(now + 3600)))).statusCode).toBe(401);
    expect((await verify(await resign(now + 3600))).statusCode).toBe(401);
  });
});
