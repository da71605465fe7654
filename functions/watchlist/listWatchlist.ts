import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { listWatchlistRoute } from '../../lib/schemas/routes/watchlist';

export const listWatchlist: RouteImplementation<typeof listWatchlistRoute, Pick<Services, 'watchlist'>> = async (
  { query, user },
  { watchlist },
) => watchlist.pageOf(user.id, query);

export const handler = createHttpHandler(listWatchlistRoute, listWatchlist, servicesFor(listWatchlistRoute));
