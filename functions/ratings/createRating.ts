import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { ok } from '../../lib/http/reply';
import { createRatingRoute } from '../../lib/schemas/routes/ratings';

export const createRating: RouteImplementation<typeof createRatingRoute, Pick<Services, 'ratings'>> = async (
  { body, user },
  { ratings },
) => {
  if (!user) return ratings.rate({ movieId: body.movie, value: body.value });
  const { rating, created } = await ratings.rateAsUser({ movieId: body.movie, value: body.value, userId: user.id });
  return created ? rating : ok(rating);
};

export const handler = createHttpHandler(createRatingRoute, createRating, servicesFor(createRatingRoute));
