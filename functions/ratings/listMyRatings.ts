import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { listMyRatingsRoute } from '../../lib/schemas/routes/ratings';

export const listMyRatings: RouteImplementation<typeof listMyRatingsRoute, Pick<Services, 'ratings'>> = async (
  { query, user },
  { ratings },
) => ratings.ratedMoviesOf(user.id, query);

export const handler = createHttpHandler(listMyRatingsRoute, listMyRatings, servicesFor(listMyRatingsRoute));
