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
});
