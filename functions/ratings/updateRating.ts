import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { updateRatingRoute } from '../../lib/schemas/routes/ratings';

// A rating has one changeable field, so a partial update and a full one are the same change.
export const updateRating: RouteImplementation<typeof updateRatingRoute, Pick<Services, 'ratings'>> = async (
  { params, body, user },
  { ratings },
) => ratings.changeValue(params.id, body.value, user);

export const handler = createHttpHandler(updateRatingRoute, updateRating, servicesFor(updateRatingRoute));
