import { getRequestCountRoute, resetRequestCountRoute } from '../../lib/schemas/routes/requestCount';
import { getRequestCount } from '../../functions/requestCount/getRequestCount';
import { resetRequestCount } from '../../functions/requestCount/resetRequestCount';
import { health } from '../../functions/health/health';
import { healthRoute } from '../../lib/schemas/routes/health';
import { signUp } from '../support/auth';
import { invokeRoute } from '../support/invokeRoute';
import { createTestServices, type TestServices } from '../support/services';

describe('GET /request-count/ (getRequestCount)', () => {
  let services: TestServices;
  beforeEach(async () => {
    services = await createTestServices();
  });
  const count = () => invokeRoute(getRequestCountRoute, getRequestCount, services);
  const other = () => invokeRoute(healthRoute, health, services);

  it('counts its own request', async () => {
    const response = await count();

    expect(response.statusCode).toBe(200);
    expect(response.body).toEqual({ requests: 1 });
  });

  it('counts every request served before it, by any function', async () => {
    await other();
    await other();
    await count();

    expect((await count()).body).toEqual({ requests: 4 });
  });
});

describe('POST /request-count/reset/ (resetRequestCount)', () => {
  let services: TestServices;
  beforeEach(async () => {
    services = await createTestServices();
  });
  const count = async () =>
    (
      (await invokeRoute(getRequestCountRoute, getRequestCount, services)).body as {
        requests: number;
      }
    ).requests;
  const reset = (headers?: Record<string, string>) => invokeRoute(resetRequestCountRoute, resetRequestCount, services, { headers });

  it('lets an admin set the count back to zero, counting from there', async () => {
    const admin = await signUp(services, { role: 'admin' });
    await count();
    await count();

    const response = await reset(admin.headers);

    expect(response).toMatchObject({ statusCode: 200, body: { message: 'request count reset' } });
    expect(await count()).toBe(1);
  });

  it('answers 403 to a basic user and 401 without a token, and resets nothing', async () => {
    const ann = await signUp(services);
    await count();

    expect((await reset(ann.headers)).statusCode).toBe(403);
    expect((await reset()).statusCode).toBe(401);
    // the first count, the two refused resets and this one
    expect(await count()).toBe(4);
  });
});
