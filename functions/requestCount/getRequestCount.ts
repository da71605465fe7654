import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { getRequestCountRoute } from '../../lib/schemas/routes/requestCount';

export const getRequestCount: RouteImplementation<typeof getRequestCountRoute, Pick<Services, 'requestCount'>> = async (
  _input,
  { requestCount },
) => ({
  requests: await requestCount.total(),
});

export const handler = createHttpHandler(getRequestCountRoute, getRequestCount, servicesFor(getRequestCountRoute));
