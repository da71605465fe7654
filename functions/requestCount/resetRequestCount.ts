import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { resetRequestCountRoute } from '../../lib/schemas/routes/requestCount';

export const resetRequestCount: RouteImplementation<typeof resetRequestCountRoute, Pick<Services, 'requestCount'>> = async (
  _input,
  { requestCount },
) => {
  await requestCount.reset();
  return { message: 'request count reset' };
};

export const handler = createHttpHandler(resetRequestCountRoute, resetRequestCount, servicesFor(resetRequestCountRoute));
