import { SignJWT, UnsecuredJWT } from 'jose';
import { Unauthorized } from '../../../lib/errors';
import { ACCESS_TOKEN_SECONDS, createTokenSigner, REFRESH_TOKEN_SECONDS, TOKEN_AUDIENCE, TOKEN_ISSUER } from '../../../lib/services/tokens';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
const key = new TextEncoder().encode(SECRET);
const user = { id: 7, role: 'basic' as const };

/** A token signed with the right key but with claims of the test's choosing. */
const forge = (claims: Record<string, unknown>, edit: (jwt: SignJWT) => SignJWT = (jwt) => jwt) =>
  edit(new SignJWT({ role: 'basic', token_use: 'access', sid: 's1', ...claims }).setProtectedHeader({ alg: 'HS256' }).setSubject('7')).sign(
    key,
  );

describe('token signer', () => {
  const tokens = createTokenSigner({ secret: SECRET });

  it('issues a 15-minute HS256 access token with issuer, audience, subject and role', async () => {
    const token = await tokens.issueAccess(user, 's1');

    const claims = await tokens.verify(token, 'access');
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toMatchObject({ alg: 'HS256' });
    expect(claims).toMatchObject({ sub: '7', role: 'basic', token_use: 'access', iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE });
    expect(claims.exp - claims.iat).toBe(ACCESS_TOKEN_SECONDS);
    expect(ACCESS_TOKEN_SECONDS).toBe(15 * 60);
  });

  it('issues a 7-day refresh token carrying its id and family', async () => {
    const token = await tokens.issueRefresh(user, { jti: 'j1', family: 'f1' });

    const claims = await tokens.verify(token, 'refresh');
    expect(claims).toMatchObject({ sub: '7', token_use: 'refresh', jti: 'j1', family: 'f1' });
    expect(claims.exp - claims.iat).toBe(REFRESH_TOKEN_SECONDS);
    expect(REFRESH_TOKEN_SECONDS).toBe(7 * 24 * 3600);
  });

  it('refuses an access token used as a refresh token, and the reverse', async () => {
    await expect(tokens.verify(await tokens.issueAccess(user, 's1'), 'refresh')).rejects.toThrow(Unauthorized);
    await expect(tokens.verify(await tokens.issueRefresh(user, { jti: 'j', family: 'f' }), 'access')).rejects.toThrow(Unauthorized);
  });

  it('refuses alg none', async () => {
    const unsigned = new UnsecuredJWT({ role: 'admin', token_use: 'access' })
      .setSubject('7')
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('15m')
      .encode();

    await expect(tokens.verify(unsigned, 'access')).rejects.toThrow(Unauthorized);
  });

  it('refuses a token signed with another secret', async () => {
    const other = createTokenSigner({ secret: 'another-secret-that-is-long-enough-too!!' });

    await expect(tokens.verify(await other.issueAccess(user, 's1'), 'access')).rejects.toThrow(Unauthorized);
  });

  it('refuses an expired token, one without exp, and a wrong issuer or audience', async () => {
    const base = (jwt: SignJWT) => jwt.setIssuer(TOKEN_ISSUER).setAudience(TOKEN_AUDIENCE).setIssuedAt();
    const cases = [
      await forge({}, (jwt) => base(jwt).setExpirationTime(Math.floor(Date.now() / 1000) - 60)),
      await forge({}, base),
      await forge({}, (jwt) => jwt.setIssuer('someone-else').setAudience(TOKEN_AUDIENCE).setIssuedAt().setExpirationTime('15m')),
      await forge({}, (jwt) => jwt.setIssuer(TOKEN_ISSUER).setAudience('another-api').setIssuedAt().setExpirationTime('15m')),
    ];

    for (const token of cases) await expect(tokens.verify(token, 'access')).rejects.toThrow(Unauthorized);
    // the same construction with a live exp is accepted, so the cases above fail for their one flaw
    await expect(tokens.verify(await forge({}, (jwt) => base(jwt).setExpirationTime('15m')), 'access')).resolves.toMatchObject({
      sub: '7',
    });
  });

  it('refuses a tampered token and garbage with the same message', async () => {
    const token = await tokens.issueAccess(user, 's1');
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const promoted = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'admin' })).toString(
      'base64url',
    );

    const failures = await Promise.all(
      [`${header}.${promoted}.${signature}`, 'not-a-token', ''].map((bad) =>
        tokens.verify(bad, 'access').catch((error: Error) => error.message),
      ),
    );
    expect(new Set(failures)).toEqual(new Set(['invalid or expired token']));
  });
});
