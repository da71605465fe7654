import { UnsecuredJWT } from 'jose';
import { issueTokenRoute, refreshTokenRoute, registerUserRoute, verifyTokenRoute } from '../../lib/schemas/routes/auth';
import { AuthTokens } from '../../lib/schemas/auth';
import { User } from '../../lib/schemas/users';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../../lib/services/tokens';
import { issueToken } from '../../functions/auth/issueToken';
import { refreshToken } from '../../functions/auth/refreshToken';
import { registerUser } from '../../functions/auth/registerUser';
import { verifyToken } from '../../functions/auth/verifyToken';
import { uniqueEmail } from '../support/auth';
import { invokeRoute } from '../support/invokeRoute';
import { createTestServices, type TestServices } from '../support/services';

const PASSWORD = 'a-long-enough-password';

describe('auth routes', () => {
  let services: TestServices;
  beforeEach(async () => {
    services = await createTestServices();
  });
  const register = (body: unknown) => invokeRoute(registerUserRoute, registerUser, services, { body });
  const signIn = (body: unknown) => invokeRoute(issueTokenRoute, issueToken, services, { body });
  const refresh = (token: unknown) => invokeRoute(refreshTokenRoute, refreshToken, services, { body: { refresh_token: token } });
  const verify = (token: unknown) => invokeRoute(verifyTokenRoute, verifyToken, services, { body: { token } });

  describe('POST /auth/register/', () => {
    it('creates a basic user with 201 and a token pair, ignoring a role in the body', async () => {
      const response = await register({ email: '  Ann@Example.COM ', password: PASSWORD, username: 'ann', role: 'admin' });

      expect(response.statusCode).toBe(201);
      const body = AuthTokens.parse(response.body);
      expect(body).toMatchObject({
        user: { email: 'ann@example.com', username: 'ann', role: 'basic' },
        token_type: 'Bearer',
        expires_in: 900,
      });
      expect(response.headers.location).toBe(`/users/${body.user.id}/`);
      expect(JSON.stringify(response.body)).not.toMatch(/password|scrypt\$/);
    });

    it('answers 409 for an email already registered in another case', async () => {
      await register({ email: 'bob@example.com', password: PASSWORD });

      const response = await register({ email: 'BOB@example.com', password: 'another-password' });

      expect(response).toMatchObject({ statusCode: 409, headers: { 'content-type': 'application/problem+json' } });
    });

    it('gives one 201 and one 409 to two concurrent registrations of one email', async () => {
      const statuses = await Promise.all([
        register({ email: 'race@example.com', password: PASSWORD }),
        register({ email: 'Race@example.com', password: PASSWORD }),
      ]);

      expect(statuses.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    });

    it.each([
      [{ email: 'carol@example.com', password: 'short' }, 'password', 'must be a string of 8 to 128 characters'],
      [{ email: 'not-an-email', password: PASSWORD }, 'email', 'must be an email address'],
      [{ email: 'carol@example.com' }, 'password', 'is required'],
      [{ password: PASSWORD }, 'email', 'is required'],
    ])('refuses %j with a 400 naming the field', async (body, path, message) => {
      const response = await register(body);

      expect(response).toMatchObject({ statusCode: 400, body: { errors: [{ path, message }] } });
    });
  });

  describe('POST /auth/token/', () => {
    beforeEach(async () => {
      await register({ email: 'dan@example.com', password: PASSWORD });
    });

    it('signs in with the email in any case and answers a token pair', async () => {
      const response = await signIn({ email: 'DAN@example.com ', password: PASSWORD });

      expect(response.statusCode).toBe(200);
      expect(AuthTokens.parse(response.body).user).toMatchObject({ email: 'dan@example.com', role: 'basic' });
    });

    it('answers the same 401 to a wrong password and to an unknown email', async () => {
      const wrongPassword = await signIn({ email: 'dan@example.com', password: `${PASSWORD}!` });
      const unknownEmail = await signIn({ email: uniqueEmail('nobody'), password: PASSWORD });

      expect(wrongPassword.statusCode).toBe(401);
      expect(unknownEmail.statusCode).toBe(401);
      expect(unknownEmail.body).toEqual(wrongPassword.body);
      expect(wrongPassword.body).toMatchObject({ detail: 'invalid email or password' });
    });

    it('answers 400 when the email or password is missing', async () => {
      expect((await signIn({ email: 'dan@example.com' })).statusCode).toBe(400);
    });
  });

  describe('POST /auth/refresh/', () => {
    const pair = async () => AuthTokens.parse((await register({ email: uniqueEmail(), password: PASSWORD })).body);

    it('exchanges a refresh token once for a new pair', async () => {
      const first = await pair();

      const response = await refresh(first.refresh_token);

      expect(response.statusCode).toBe(200);
      const second = AuthTokens.parse(response.body);
      expect(second.refresh_token).not.toBe(first.refresh_token);
      expect((await refresh(second.refresh_token)).statusCode).toBe(200);
    });

    it('refuses a reused refresh token and revokes its whole family', async () => {
      const first = await pair();
      const second = AuthTokens.parse((await refresh(first.refresh_token)).body);

      const reuse = await refresh(first.refresh_token);

      expect(reuse.statusCode).toBe(401);
      expect((await refresh(second.refresh_token)).statusCode).toBe(401);
      expect((await verify(second.refresh_token)).statusCode).toBe(401);
    });

    it('leaves other sign-ins of the same user alone when one family is revoked', async () => {
      const first = await pair();
      const other = AuthTokens.parse((await signIn({ email: first.user.email, password: PASSWORD })).body);
      await refresh(first.refresh_token);
      await refresh(first.refresh_token);

      expect((await refresh(other.refresh_token)).statusCode).toBe(200);
    });

    it('refuses an access token used as a refresh token', async () => {
      const first = await pair();

      expect((await refresh(first.access_token)).statusCode).toBe(401);
      expect((await refresh(first.refresh_token)).statusCode).toBe(200); // the refusal spent nothing
    });

    it('answers 400 without a refresh token', async () => {
      expect((await refresh(undefined)).statusCode).toBe(400);
    });
  });

  describe('POST /auth/verify/', () => {
    it('answers 200 with the claims of a valid access token', async () => {
      const tokens = AuthTokens.parse((await register({ email: uniqueEmail(), password: PASSWORD })).body);

      const response = await verify(tokens.access_token);

      expect(response).toMatchObject({
        statusCode: 200,
        body: { valid: true, sub: String(tokens.user.id), role: 'basic', token_use: 'access', iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE },
      });
    });

    it('answers 401 to a refresh token, even one that can still be exchanged: it verifies access tokens, and spends nothing', async () => {
      const tokens = AuthTokens.parse((await register({ email: uniqueEmail(), password: PASSWORD })).body);

      const response = await verify(tokens.refresh_token);

      expect(response).toMatchObject({
        statusCode: 401,
        headers: { 'content-type': 'application/problem+json', 'www-authenticate': 'Bearer' },
        body: { status: 401, detail: 'invalid or expired token' },
      });
      expect((await refresh(tokens.refresh_token)).statusCode).toBe(200);
    });

    it('answers 401 to garbage and to an unsigned (alg none) token', async () => {
      const unsigned = new UnsecuredJWT({ role: 'admin', token_use: 'access' })
        .setSubject('1')
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('15m')
        .encode();

      expect((await verify('garbage')).statusCode).toBe(401);
      expect((await verify(unsigned)).statusCode).toBe(401);
    });
  });

  it('never answers a password or a hash', async () => {
    const created = await register({ email: uniqueEmail(), password: PASSWORD });
    const user = (created.body as { user: Record<string, unknown> }).user;

    expect(User.safeParse(user).success).toBe(true);
    expect(Object.keys(user).sort()).toEqual(['created_at', 'email', 'id', 'role', 'username']);
  });
});
