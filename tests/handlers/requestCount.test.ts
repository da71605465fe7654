import type { Services } from '../../lib/container';
import { createHttpHandler } from '../../lib/http/createHttpHandler';
import { getRequestCountRoute } from '../../lib/schemas/routes/requestCount';
import { getRequestCount } from '../../functions/counter/getRequestCount';
import { health } from '../../functions/health/health';
import { healthRoute } from '../../lib/schemas/routes/health';
import { httpEvent } from '../support/events';
import { invoke } from '../support/invoke';
import { createTestServices } from '../support/services';

describe('GET /request-count/ (getRequestCount)', () => {
  let services: Services;
  beforeEach(async () => {
    services = await createTestServices();
  });
  const count = () => invoke(createHttpHandler(getRequestCountRoute, getRequestCount, async () => services), httpEvent({ path: '/request-count/' }));
  const other = () => invoke(createHttpHandler(healthRoute, health, async () => services), httpEvent({ path: '/health/' }));

  it('counts its own request', async () => {
    const response = await count();

    expect(response.statusCode).toBe(200);
    expect(response.body).toEqual({ requests: 1 });
  });

  it('answers every request served before it, by any function', async () => {
    await other();
    await other();
    await count();

    expect((await count()).body).toEqual({ requests: 4 });
  });
});
