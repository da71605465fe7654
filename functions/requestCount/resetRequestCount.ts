import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { resetRequestCountRoute } from '../../lib/schemas/routes/requestCount';

export const resetRequestCount: RouteImplementation<typeof resetRequestCountRoute, Pick<Services, 'requestCounter'>> = async (
  _input,
  { requestCounter },
) => {
  await requestCounter.reset();
  return { message: 'request count reset' };
};

export const handler = createHttpHandler(resetRequestCountRoute, resetRequestCount, servicesFor(resetRequestCountRoute));
