import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { readyRoute } from '../../lib/schemas/routes/health';

export const ready: RouteImplementation<typeof readyRoute, Pick<Services, 'readiness'>> = async (_input, { readiness }) => {
  await readiness.database();
  return { status: 'ok', database: 'ok' };
};

export const handler = createHttpHandler(readyRoute, ready, servicesFor(readyRoute));
