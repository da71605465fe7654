import { createHttpHandler } from '../../lib/http/createHttpHandler';
import { healthRoute } from '../../lib/schemas/routes/health';
import { health } from '../../functions/health/health';
import { httpEvent } from '../support/events';
import { invoke } from '../support/invoke';
import { createTestServices } from '../support/services';

describe('GET /health/ (health)', () => {
  it('answers 200 {"status": "ok"}', async () => {
    const services = await createTestServices();

    const response = await invoke(
      createHttpHandler(healthRoute, health, async () => services),
      httpEvent({ path: '/health/' }),
    );

    expect(response).toMatchObject({ statusCode: 200, body: { status: 'ok' } });
  });
});
