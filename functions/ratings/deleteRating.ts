import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { noContent } from '../../lib/http/reply';
import { deleteRatingRoute } from '../../lib/schemas/routes/ratings';

export const deleteRating: RouteImplementation<typeof deleteRatingRoute, Pick<Services, 'ratings'>> = async (
  { params, user },
  { ratings },
) => {
  await ratings.remove(params.id, user);
  return noContent();
};

export const handler = createHttpHandler(deleteRatingRoute, deleteRating, servicesFor(deleteRatingRoute));
