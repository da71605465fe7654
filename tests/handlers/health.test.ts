import { healthRoute } from '../../lib/schemas/routes/health';
import { health } from '../../functions/health/health';
import { invokeRoute } from '../support/invokeRoute';
import { createTestServices } from '../support/services';

describe('GET /health/ (health)', () => {
  it('answers 200 {"status": "ok"}', async () => {
    const services = await createTestServices();

    const response = await invokeRoute(healthRoute, health, services);

    expect(response).toMatchObject({ statusCode: 200, body: { status: 'ok' } });
  });
});
