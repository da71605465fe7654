import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { noContent } from '../../lib/http/reply';
import { removeFromWatchlistRoute } from '../../lib/schemas/routes/watchlist';

export const removeFromWatchlist: RouteImplementation<typeof removeFromWatchlistRoute, Pick<Services, 'watchlist'>> = async (
  { params, user },
  { watchlist },
) => {
  await watchlist.remove(user.id, params.movie_id);
  return noContent();
};

export const handler = createHttpHandler(removeFromWatchlistRoute, removeFromWatchlist, servicesFor(removeFromWatchlistRoute));
