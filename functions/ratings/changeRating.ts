import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { changeRatingRoute } from '../../lib/schemas/routes/ratings';

export const changeRating: RouteImplementation<typeof changeRatingRoute, Pick<Services, 'ratings'>> = async (
  { params, body, user },
  { ratings },
) => ratings.changeValue(params.id, body.value, user);

export const handler = createHttpHandler(changeRatingRoute, changeRating, servicesFor(changeRatingRoute));
