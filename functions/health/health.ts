import { servicesFor } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { healthRoute } from '../../lib/schemas/routes/health';

export const health: RouteImplementation<typeof healthRoute> = async () => ({ status: 'ok' });

export const handler = createHttpHandler(healthRoute, health, servicesFor(healthRoute));
