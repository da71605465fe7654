import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { getCollectionRoute } from '../../lib/schemas/routes/collections';

export const getCollection: RouteImplementation<typeof getCollectionRoute> = async ({ params, user }, { collections }) =>
  collections.get(params.id, user.id);

export const handler = createHttpHandler(getCollectionRoute, getCollection);
