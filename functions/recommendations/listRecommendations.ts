import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { listRecommendationsRoute } from '../../lib/schemas/routes/recommendations';

export const listRecommendations: RouteImplementation<typeof listRecommendationsRoute, Pick<Services, 'recommendations'>> = async (
  { query, user },
  { recommendations },
) => recommendations.forUser(user.id, query.limit);

export const handler = createHttpHandler(listRecommendationsRoute, listRecommendations, servicesFor(listRecommendationsRoute));
