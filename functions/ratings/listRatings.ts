import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { listRatingsRoute } from '../../lib/schemas/routes/ratings';

export const listRatings: RouteImplementation<typeof listRatingsRoute, Pick<Services, 'ratings'>> = async ({ query, user }, { ratings }) =>
  ratings.listOf(user.id, query);

export const handler = createHttpHandler(listRatingsRoute, listRatings, servicesFor(listRatingsRoute));
