import { SignJWT } from 'jose';
import * as z from 'zod';
import { createHttpHandler } from '../../../lib/http/createHttpHandler';
import { defineRoute, type Access } from '../../../lib/schemas/routes/contract';
import { createLogger } from '../../../lib/logger';
import { createTokenSigner, TOKEN_AUDIENCE, TOKEN_ISSUER } from '../../../lib/services/tokens';
import { bearer, signUp } from '../../support/auth';
import { httpEvent } from '../../../harness/events';
import { invoke } from '../../support/invoke';
import { createTestServices, type TestServices } from '../../support/services';

const routeWith = (access: Access, writes = false) =>
  defineRoute({
    functionName: 'whoAmI',
    method: 'POST',
    path: '/who/',
    summary: 'Answers the caller',
    tags: ['test'],
    access,
    ...(writes ? { writes: true } : {}),
    body: z.object({ note: z.string() }),
    response: { status: 200, description: 'the caller', schema: z.unknown() },
  });

describe('authentication and roles (one middleware, driven by route.access)', () => {
  let services: TestServices;
  beforeEach(async () => {
    services = await createTestServices();
  });

  const call = (access: Access, headers: Record<string, string> = {}, { writes = false, body = { note: 'hi' } as unknown } = {}) =>
    invoke(
      createHttpHandler(
        routeWith(access, writes),
        async ({ user }) => ({ user: user ?? null }),
        async () => services,
      ),
      httpEvent({ method: 'POST', path: '/who/', headers, body }),
    );

  it('hands a user route the caller from a valid bearer token', async () => {
    const ann = await signUp(services);

    const response = await call('user', ann.headers);

    expect(response).toMatchObject({ statusCode: 200, body: { user: { id: ann.id, role: 'basic' } } });
  });

  it.each([
    ['no Authorization header', {}],
    ['an empty bearer', { authorization: 'Bearer ' }],
    ['another scheme', { authorization: 'Basic YW5uOnNlY3JldA==' }],
    ['garbage', bearer('not.a.token')],
  ])('answers 401 problem+json to a user route with %s', async (_name, headers) => {
    const response = await call('user', headers);

    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });

  it('answers 401 before validating the body, so anonymous callers learn nothing of the route', async () => {
    expect((await call('user', {}, { body: { note: 42 } })).statusCode).toBe(401);
  });

  it('refuses a refresh token, a token signed with another secret, and an expired one', async () => {
    const ann = await signUp(services);
    const other = createTokenSigner({ secret: 'x'.repeat(40) });
    const expired = await new SignJWT({ role: 'basic', token_use: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(String(ann.id))
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 1800)
      .sign(new TextEncoder().encode(services.config.auth.jwtSecret));

    for (const token of [ann.refresh_token, await other.issueAccess({ id: ann.id, role: 'admin' }, 's1'), expired]) {
      expect((await call('user', bearer(token))).statusCode).toBe(401);
    }
  });

  it('answers 403 to a basic user on an admin route, and lets an admin through', async () => {
    const basic = await signUp(services);
    const admin = await signUp(services, { role: 'admin' });

    expect((await call('admin', basic.headers)).statusCode).toBe(403);
    expect(await call('admin', admin.headers)).toMatchObject({ statusCode: 200, body: { user: { id: admin.id, role: 'admin' } } });
    expect((await call('admin')).statusCode).toBe(401);
  });

  it('lets anyone call a public route, and still names a caller who sends a valid token', async () => {
    const ann = await signUp(services);

    expect(await call('public')).toMatchObject({ statusCode: 200, body: { user: null } });
    expect(await call('public', ann.headers)).toMatchObject({ statusCode: 200, body: { user: { id: ann.id } } });
  });

  it('answers 401 on a public route to a bad token: a client that sends one wants it honoured', async () => {
    expect((await call('public', bearer('not.a.token'))).statusCode).toBe(401);
  });

  it('requires a token for writes only when REQUIRE_AUTH_FOR_WRITES is true', async () => {
    expect((await call('public', {}, { writes: true })).statusCode).toBe(200);

    services = await createTestServices({ env: { REQUIRE_AUTH_FOR_WRITES: 'true' } });
    const ann = await signUp(services);
    expect((await call('public', {}, { writes: true })).statusCode).toBe(401);
    expect((await call('public', {})).statusCode).toBe(200);
    expect((await call('public', ann.headers, { writes: true })).statusCode).toBe(200);
  });

  it('logs the caller id and never the token', async () => {
    const ann = await signUp(services);
    services = await createTestServices({ db: services.db, logger: createLogger('INFO') });
    const lines: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => lines.push(String(chunk)) > 0);
    try {
      await call('user', ann.headers);
    } finally {
      spy.mockRestore();
    }

    const output = lines.join('');
    expect(output).toContain(`"user_id":${ann.id}`);
    expect(output).not.toContain(ann.access_token);
    expect(output).not.toContain(ann.access_token.split('.')[2]!);
  });

  describe('the Authorization header', () => {
    it('takes the scheme in any case and any number of spaces around the token', async () => {
      const ann = await signUp(services);
      const token = ann.access_token;

      for (const authorization of [`bearer ${token}`, `Bearer   ${token}`, `Bearer ${token}  `]) {
        expect((await call('user', { authorization })).statusCode).toBe(200);
      }
    });

    it.each([
      ['a scheme with another name before it', (token: string) => `NotBearer ${token}`],
      ['a second word after the token', (token: string) => `Bearer ${token} extra`],
      ['no space after the scheme', (token: string) => `Bearer${token}`],
    ])('refuses %s, saying what the header must be', async (_case, header) => {
      const ann = await signUp(services);

      const response = await call('user', { authorization: header(ann.access_token) });

      expect(response).toMatchObject({ statusCode: 401, body: { detail: 'the Authorization header must be "Bearer <access token>"' } });
    });

    it('says what a route without a token needs, and what a basic user on an admin route lacks', async () => {
      const ann = await signUp(services);

      expect((await call('user')).body).toMatchObject({ detail: 'this route needs a bearer access token' });
      expect((await call('admin', ann.headers)).body).toMatchObject({ status: 403, detail: 'this route is for admins' });
    });
  });
});
