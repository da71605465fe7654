import { createUsersRepository } from '../../lib/repositories/usersRepository';
import type { RouteContract } from '../../lib/schemas/routes/contract';
import { createUserRoute, getMeRoute, getUserRoute } from '../../lib/schemas/routes/users';
import { User } from '../../lib/schemas/users';
import { createUser } from '../../functions/users/createUser';
import { getMe } from '../../functions/users/getMe';
import { getUser } from '../../functions/users/getUser';
import { signUp, uniqueEmail } from '../support/auth';
import { invokeRoute, type AnyImplementation, type RouteRequest } from '../support/invokeRoute';
import { createTestServices, type TestServices } from '../support/services';

type Caller = { headers: Record<string, string> } | undefined;

describe('user routes', () => {
  let services: TestServices;
  let ann: Awaited<ReturnType<typeof signUp>>;
  let bob: Awaited<ReturnType<typeof signUp>>;
  let admin: Awaited<ReturnType<typeof signUp>>;
  beforeEach(async () => {
    services = await createTestServices();
    [ann, bob, admin] = await Promise.all([signUp(services), signUp(services), signUp(services, { role: 'admin' })]);
  });

  const call = <R extends RouteContract>(route: R, implementation: AnyImplementation<R>, caller: Caller, request: RouteRequest = {}) =>
    invokeRoute(route, implementation, services, { ...request, headers: caller?.headers });
  const me = (caller: Caller) => call(getMeRoute, getMe, caller);
  const user = (caller: Caller, id: number) => call(getUserRoute, getUser, caller, { params: { id } });
  const create = (caller: Caller, body: unknown) => call(createUserRoute, createUser, caller, { body });

  describe('GET /users/me/', () => {
    it('answers the caller, without any password or hash', async () => {
      const response = await me(ann);

      expect(response).toMatchObject({ statusCode: 200, body: { id: ann.id, email: ann.email, role: 'basic' } });
      expect(Object.keys(response.body as object).sort()).toEqual(['created_at', 'email', 'id', 'role', 'username']);
    });

    it('answers 401 without a token', async () => {
      expect((await me(undefined)).statusCode).toBe(401);
    });
  });

  describe('GET /users/{id}/', () => {
    it('shows the email to the user themself and to admins only', async () => {
      expect(await user(ann, ann.id)).toMatchObject({ statusCode: 200, body: { id: ann.id, email: ann.email } });
      expect(await user(admin, ann.id)).toMatchObject({ statusCode: 200, body: { email: ann.email } });

      const seenByBob = await user(bob, ann.id);
      expect(seenByBob).toMatchObject({ statusCode: 200, body: { id: ann.id, role: 'basic' } });
      expect(seenByBob.body).not.toHaveProperty('email');
    });

    it('answers 404 for an unknown user and 401 without a token', async () => {
      expect((await user(ann, admin.id + 100)).statusCode).toBe(404);
      expect((await user(undefined, ann.id)).statusCode).toBe(401);
    });
  });

  describe('POST /users/ (admin)', () => {
    it('lets an admin create a user of any role: 201 with a Location', async () => {
      const email = uniqueEmail('made');

      const response = await create(admin, { email: email.toUpperCase(), password: 'a-long-enough-password', role: 'admin' });

      expect(response.statusCode).toBe(201);
      const made = User.parse(response.body);
      expect(made).toMatchObject({ email, role: 'admin' });
      expect(response.headers.location).toBe(`/users/${made.id}/`);
      await expect(services.auth.signIn(email, 'a-long-enough-password')).resolves.toMatchObject({ user: { id: made.id } });
    });

    it('makes a basic user when no role is given', async () => {
      expect(await create(admin, { email: uniqueEmail(), password: 'a-long-enough-password' })).toMatchObject({
        statusCode: 201,
        body: { role: 'basic' },
      });
    });

    it('answers 403 to a basic user, 401 without a token, and 409 for a taken email', async () => {
      const body = { email: uniqueEmail(), password: 'a-long-enough-password' };

      expect((await create(ann, body)).statusCode).toBe(403);
      expect((await create(undefined, body)).statusCode).toBe(401);
      expect((await create(admin, { ...body, email: ann.email.toUpperCase() })).statusCode).toBe(409);
    });

    it('answers 400 to a bad role, email or password', async () => {
      const response = await create(admin, { email: 'nope', password: 'short', role: 'root' });

      expect(response.statusCode).toBe(400);
      expect((response.body as { errors: { path: string }[] }).errors.map((e) => e.path).sort()).toEqual(['email', 'password', 'role']);
    });
  });

  describe('the admin from ADMIN_EMAIL / ADMIN_PASSWORD', () => {
    it('is created once, idempotently, and promotes an existing account with that email', async () => {
      await services.auth.ensureAdmin({ email: 'Boss@Example.com', password: 'boss-password-1' });
      await services.auth.ensureAdmin({ email: 'boss@example.com', password: 'boss-password-1' });

      const signedIn = await services.auth.signIn('boss@example.com', 'boss-password-1');
      expect(signedIn.user).toMatchObject({ email: 'boss@example.com', role: 'admin' });

      await services.auth.ensureAdmin({ email: ann.email, password: 'whatever-password' });
      expect(await createUsersRepository(services.db).findById(ann.id)).toMatchObject({ role: 'admin' });
    });
  });
});
