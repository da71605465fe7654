import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { getRatingRoute } from '../../lib/schemas/routes/ratings';

export const getRating: RouteImplementation<typeof getRatingRoute, Pick<Services, 'ratings'>> = async ({ params, user }, { ratings }) =>
  ratings.get(params.id, user);

export const handler = createHttpHandler(getRatingRoute, getRating, servicesFor(getRatingRoute));
