import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { noContent } from '../../lib/http/reply';
import { addToWatchlistRoute } from '../../lib/schemas/routes/watchlist';

export const addToWatchlist: RouteImplementation<typeof addToWatchlistRoute, Pick<Services, 'watchlist'>> = async (
  { params, user },
  { watchlist },
) => {
  await watchlist.add(user.id, params.movie_id);
  return noContent();
};

export const handler = createHttpHandler(addToWatchlistRoute, addToWatchlist, servicesFor(addToWatchlistRoute));
