import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { getRatingRoute } from '../../lib/schemas/routes/ratings';

export const getRating: RouteImplementation<typeof getRatingRoute> = async ({ params, user }, { ratings }) => ratings.get(params.id, user);

export const handler = createHttpHandler(getRatingRoute, getRating);
