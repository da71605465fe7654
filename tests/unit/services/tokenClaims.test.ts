import { SignJWT } from 'jose';
import { CLOCK_SKEW_SECONDS, createTokenSigner, TOKEN_AUDIENCE, TOKEN_ISSUER } from '../../../lib/services/tokens';

// What a token must claim to be honoured, each case with the right key, issuer, audience and a live exp, so that
// it is refused (or accepted) for the one claim it varies.
const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
const key = new TextEncoder().encode(SECRET);
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const nowSeconds = NOW / 1000;

const signed = (claims: Record<string, unknown>, { iat = nowSeconds, aud = TOKEN_AUDIENCE as string | string[] } = {}) =>
  new SignJWT({ sub: '7', role: 'basic', token_use: 'access', sid: 's1', ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(aud)
    .setIssuedAt(iat)
    .setExpirationTime(nowSeconds + 600)
    .sign(key);
const refreshClaims = { token_use: 'refresh', jti: 'j1', family: 'f1', sid: undefined };

describe('the claims a token must carry', () => {
  const tokens = createTokenSigner({ secret: SECRET });
  beforeEach(() => jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }));
  afterEach(() => jest.useRealTimers());

  it('honours admin and basic as roles, and nothing else', async () => {
    await expect(tokens.verify(await signed({ role: 'admin' }), 'access')).resolves.toMatchObject({ role: 'admin' });
    await expect(tokens.verify(await signed({ role: 'basic' }), 'access')).resolves.toMatchObject({ role: 'basic' });
    for (const role of ['root', '', undefined, 1]) {
      await expect(tokens.verify(await signed({ role }), 'access')).rejects.toThrow('invalid or expired token');
    }
  });

  it('takes a subject that is a user id: a positive integer without leading zeros, and nothing around it', async () => {
    await expect(tokens.verify(await signed({ sub: '120' }), 'access')).resolves.toMatchObject({ sub: '120' });
    for (const sub of ['0', '07', '7a', 'a7', '-7', '7.5', '']) {
      await expect(tokens.verify(await signed({ sub }), 'access')).rejects.toThrow('invalid or expired token');
    }
  });

  it('refuses a token used for the other purpose even when it carries every claim of both', async () => {
    const both = { jti: 'j1', family: 'f1', sid: 's1' };
    await expect(tokens.verify(await signed({ ...both, token_use: 'refresh' }), 'access')).rejects.toThrow('invalid or expired token');
    await expect(tokens.verify(await signed({ ...both, token_use: 'access' }), 'refresh')).rejects.toThrow('invalid or expired token');
    await expect(tokens.verify(await signed({ ...both, token_use: 'access' }), 'access')).resolves.toMatchObject({ sid: 's1' });
  });

  it('takes an access token only with its sign-in: sid a non-empty string', async () => {
    await expect(tokens.verify(await signed({ sid: 'abc' }), 'access')).resolves.toMatchObject({ sid: 'abc', token_use: 'access' });
    for (const sid of [undefined, '', 42]) {
      await expect(tokens.verify(await signed({ sid }), 'access')).rejects.toThrow('invalid or expired token');
    }
  });

  it('takes a refresh token only with its id and family, both strings', async () => {
    await expect(tokens.verify(await signed(refreshClaims), 'refresh')).resolves.toMatchObject({ jti: 'j1', family: 'f1' });
    for (const flaw of [{ jti: undefined }, { family: undefined }, { jti: 1 }, { family: 2 }]) {
      await expect(tokens.verify(await signed({ ...refreshClaims, ...flaw }), 'refresh')).rejects.toThrow('invalid or expired token');
    }
  });

  it('answers the claims as signed, and the sign-in of an access token only', async () => {
    const claims = await tokens.verify(await signed({}), 'access');
    expect(claims).toEqual({
      sub: '7',
      role: 'basic',
      token_use: 'access',
      iss: TOKEN_ISSUER,
      aud: TOKEN_AUDIENCE,
      iat: nowSeconds,
      exp: nowSeconds + 600,
      sid: 's1',
    });
    expect(await tokens.verify(await signed(refreshClaims), 'refresh')).not.toHaveProperty('sid');
  });

  it(`accepts a token issued up to ${CLOCK_SKEW_SECONDS} s in the future (clock skew), and refuses one issued later`, async () => {
    await expect(tokens.verify(await signed({}, { iat: nowSeconds + CLOCK_SKEW_SECONDS }), 'access')).resolves.toMatchObject({ sub: '7' });
    await expect(tokens.verify(await signed({}, { iat: nowSeconds + CLOCK_SKEW_SECONDS + 1 }), 'access')).rejects.toThrow(
      'invalid or expired token',
    );
  });

  it('refuses a token whose audience is a list, even one naming this API', async () => {
    await expect(tokens.verify(await signed({}, { aud: [TOKEN_AUDIENCE, 'another-api'] }), 'access')).rejects.toThrow(
      'invalid or expired token',
    );
  });

  it('signs its own tokens with a JWT header', async () => {
    const token = await tokens.issueAccess({ id: 7, role: 'basic' }, 's1');
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
  });
});
