import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { replaceRatingRoute } from '../../lib/schemas/routes/ratings';

export const replaceRating: RouteImplementation<typeof replaceRatingRoute, Pick<Services, 'ratings'>> = async (
  { params, body, user },
  { ratings },
) => ratings.changeValue(params.id, body.value, user);

export const handler = createHttpHandler(replaceRatingRoute, replaceRating, servicesFor(replaceRatingRoute));
