import { issueTokenRoute, registerUserRoute } from '../../lib/schemas/routes/auth';
import { createPasswordHasher, type PasswordHasher } from '../../lib/services/passwords';
import { issueToken } from '../../functions/auth/issueToken';
import { registerUser } from '../../functions/auth/registerUser';
import { uniqueEmail } from '../support/auth';
import { createTempFileDatabase } from '../support/database';
import { invokeRoute } from '../support/invokeRoute';
import { createTestServices, type TestServices } from '../support/services';

const PASSWORD = 'a-long-enough-password';

/** The probe's finding 3, first half: wrong passwords were answered forever, each after a full hash. */
describe('sign-in throttling', () => {
  let services: TestServices;
  let hasher: PasswordHasher;
  let verify: jest.SpyInstance;
  let email: string;
  beforeEach(async () => {
    hasher = createPasswordHasher({ log2N: 10 });
    verify = jest.spyOn(hasher, 'verify');
    services = await createTestServices({ passwordHasher: hasher, env: { AUTH_RATE_PER_MINUTE: '1000' } });
    email = uniqueEmail();
    await services.auth.createAccount({ email, password: PASSWORD });
  });
  const signInTo = (target: TestServices, body: unknown, sourceIp = '198.51.100.1') =>
    invokeRoute(issueTokenRoute, issueToken, target, { body, sourceIp });
  const signIn = (password: string, address = email) => signInTo(services, { email: address, password });
  const wrongTimes = async (times: number, address = email) => {
    for (let i = 0; i < times; i++) expect((await signIn('not-the-password', address)).statusCode).toBe(401);
  };

  it('answers 429 with Retry-After after 5 wrong passwords in a row, spending no hash, even for the right password', async () => {
    await wrongTimes(5);
    expect(verify).toHaveBeenCalledTimes(5);

    const throttled = await signIn(PASSWORD);

    expect(throttled).toMatchObject({
      statusCode: 429,
      headers: { 'content-type': 'application/problem+json' },
      body: { status: 429, title: 'Too Many Requests' },
    });
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(verify).toHaveBeenCalledTimes(5);
  });

  it('throttles an unknown email the same way, so throttling reveals no account', async () => {
    const nobody = uniqueEmail('nobody');
    await wrongTimes(5, nobody);

    expect((await signIn(PASSWORD, nobody)).statusCode).toBe(429);
  });

  it('resets the count after a success', async () => {
    await wrongTimes(4);
    expect((await signIn(PASSWORD)).statusCode).toBe(200);

    await wrongTimes(4);
    expect((await signIn(PASSWORD)).statusCode).toBe(200);
  });

  it('throttles after as many wrong passwords as AUTH_MAX_FAILURES allows', async () => {
    const strict = await createTestServices({
      db: services.db,
      passwordHasher: hasher,
      env: { AUTH_MAX_FAILURES: '2', AUTH_RATE_PER_MINUTE: '1000' },
    });
    const other = uniqueEmail();
    for (let i = 0; i < 2; i++) expect((await signInTo(strict, { email: other, password: 'wrong-one' })).statusCode).toBe(401);

    expect((await signInTo(strict, { email: other, password: 'wrong-one' })).statusCode).toBe(429);
  });

  it('keeps the count in the database, so another instance throttles too', async () => {
    const file = createTempFileDatabase();
    try {
      const [one, two] = await Promise.all([file.open(), file.open()]);
      const [first, second] = await Promise.all([one, two].map((db) => createTestServices({ db, env: { AUTH_RATE_PER_MINUTE: '1000' } })));
      await first!.auth.createAccount({ email, password: PASSWORD });
      for (let i = 0; i < 5; i++) await signInTo(first!, { email, password: 'wrong-password' });

      expect((await signInTo(second!, { email, password: PASSWORD })).statusCode).toBe(429);
      one.close();
      two.close();
    } finally {
      file.remove();
    }
  });
});

describe('the per-client limit on /auth/*', () => {
  let services: TestServices;
  beforeEach(async () => {
    services = await createTestServices({ env: { AUTH_RATE_PER_MINUTE: '3' } });
  });
  const signIn = (sourceIp: string) =>
    invokeRoute(issueTokenRoute, issueToken, services, { body: { email: uniqueEmail(), password: PASSWORD }, sourceIp });
  const register = (sourceIp: string) =>
    invokeRoute(registerUserRoute, registerUser, services, { body: { email: uniqueEmail(), password: PASSWORD }, sourceIp });

  it('sends RateLimit-Policy and RateLimit on every /auth/* answer, then 429 with Retry-After past the limit', async () => {
    const answers = [await signIn('203.0.113.9'), await register('203.0.113.9'), await signIn('203.0.113.9')];

    expect(answers.map((a) => a.statusCode)).toEqual([401, 201, 401]);
    expect(answers.map((a) => a.headers['ratelimit'])).toEqual([
      expect.stringMatching(/^"auth";r=2;t=\d+$/),
      expect.stringMatching(/;r=1;/),
      expect.stringMatching(/;r=0;/),
    ]);
    expect(answers[0]!.headers['ratelimit-policy']).toBe('"auth";q=3;w=60');

    const refused = await register('203.0.113.9');
    expect(refused).toMatchObject({
      statusCode: 429,
      headers: { 'content-type': 'application/problem+json', 'ratelimit-policy': '"auth";q=3;w=60' },
    });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.headers['ratelimit']).toMatch(/^"auth";r=0;t=\d+$/);
  });

  it('counts each client apart', async () => {
    for (let i = 0; i < 4; i++) await signIn('203.0.113.10');

    expect((await signIn('203.0.113.11')).statusCode).toBe(401);
  });
});
