import { issueTokenRoute } from '../../lib/schemas/routes/auth';
import { createConcurrencyGate } from '../../lib/services/concurrencyGate';
import { createPasswordHasher } from '../../lib/services/passwords';
import { issueToken } from '../../functions/auth/issueToken';
import { uniqueEmail } from '../support/auth';
import { invokeRoute } from '../support/invokeRoute';
import { createTestServices, type TestServices } from '../support/services';

/** The probe's finding 3, second half: a burst of sign-ins turned into timeouts instead of being shed. */
describe('sign-in under a burst', () => {
  it('sheds a sign-in whose hash cannot start soon with 503 problem+json and Retry-After', async () => {
    const gate = createConcurrencyGate({ limit: 1, maxWaitMs: 50 });
    const services: TestServices = await createTestServices({
      passwordHasher: createPasswordHasher({ log2N: 10 }, gate),
      env: { AUTH_RATE_PER_MINUTE: '1000' },
    });
    const email = uniqueEmail();
    await services.auth.createAccount({ email, password: 'a-long-enough-password' });
    let release!: () => void;
    const hold = gate.run(() => new Promise<void>((resolve) => (release = resolve)));

    const response = await invokeRoute(issueTokenRoute, issueToken, services, { body: { email, password: 'a-long-enough-password' } });

    expect(response).toMatchObject({ statusCode: 503, headers: { 'content-type': 'application/problem+json' }, body: { status: 503 } });
    expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    release();
    await hold;
  });

  const PASSWORD = 'a-long-enough-password';
  const burstServices = async (gate = createConcurrencyGate({ limit: 2, maxWaitMs: 60_000 })) => {
    const services = await createTestServices({
      passwordHasher: createPasswordHasher({ log2N: 10 }, gate),
      env: { AUTH_RATE_PER_MINUTE: '1000' },
    });
    const email = uniqueEmail();
    await services.auth.createAccount({ email, password: PASSWORD });
    const signIn = (password = PASSWORD) => invokeRoute(issueTokenRoute, issueToken, services, { body: { email, password } });
    return { services, email, signIn };
  };

  it.each([8, 20])(
    'gives tokens to every one of %i concurrent sign-ins with the right password: none is refused as a failure',
    async (burst) => {
      // A queue no hash waits long in: every sign-in gets its hash, so every one must get its tokens.
      const { signIn } = await burstServices();

      const responses = await Promise.all(Array.from({ length: burst }, () => signIn()));

      expect(responses.map((response) => response.statusCode)).toEqual(Array(burst).fill(200));
      expect(new Set(responses.map((response) => (response.body as { refresh_token: string }).refresh_token)).size).toBe(burst);
    },
  );

  it('does not count a sign-in shed by the full hashing gate as a failure', async () => {
    const gate = createConcurrencyGate({ limit: 1, maxWaitMs: 20 });
    const { signIn } = await burstServices(gate);
    let release!: () => void;
    const hold = gate.run(() => new Promise<void>((resolve) => (release = resolve)));

    const shed = await Promise.all(Array.from({ length: 6 }, () => signIn()));
    release();
    await hold;

    expect(shed.map((response) => response.statusCode)).toEqual(Array(6).fill(503));
    // Six sheds counted as failures would have made the next attempts 429s.
    expect((await signIn('not-the-password')).statusCode).toBe(401);
    expect((await signIn()).statusCode).toBe(200);
  });

  it('counts every wrong password of a concurrent burst, so the next attempt waits', async () => {
    const { signIn } = await burstServices();

    const guesses = await Promise.all(Array.from({ length: 8 }, () => signIn('a-wrong-guess')));

    expect(guesses.every((response) => [401, 429].includes(response.statusCode))).toBe(true);
    expect(await signIn()).toMatchObject({ statusCode: 429, headers: { 'retry-after': expect.stringMatching(/^\d+$/) } });
  });

  it('logs a shed sign-in at WARN without a stack trace, and tells the caller to retry rather than report a fault', async () => {
    const gate = createConcurrencyGate({ limit: 1, maxWaitMs: 20 });
    const { services, signIn } = await burstServices(gate);
    let release!: () => void;
    const hold = gate.run(() => new Promise<void>((resolve) => (release = resolve)));

    const response = await signIn();
    release();
    await hold;

    expect(response.statusCode).toBe(503);
    const detail = (response.body as { detail: string }).detail;
    expect(detail).toMatch(/try again/);
    expect(detail).not.toMatch(/report|request id/);
    expect(response.body).not.toHaveProperty('request_id');
    expect(services.logger.error).not.toHaveBeenCalled();
    const warnings = (services.logger.warn as jest.Mock).mock.calls;
    expect(warnings).toContainEqual(['request', expect.objectContaining({ status: 503 })]);
    expect(JSON.stringify(warnings)).not.toMatch(/stack|\.ts:\d+|at /);
  });
});
