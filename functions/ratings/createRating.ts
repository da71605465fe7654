import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { createRatingRoute } from '../../lib/schemas/routes/ratings';

export const createRating: RouteImplementation<typeof createRatingRoute> = async ({ body }, { ratings }) =>
  ratings.rate({ movieId: body.movie, value: body.value });

export const handler = createHttpHandler(createRatingRoute, createRating);
