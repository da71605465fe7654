import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { getCollectionRoute } from '../../lib/schemas/routes/collections';

export const getCollection: RouteImplementation<typeof getCollectionRoute, Pick<Services, 'collections'>> = async (
  { params, query, user },
  { collections },
) => collections.get(params.id, user.id, query);

export const handler = createHttpHandler(getCollectionRoute, getCollection, servicesFor(getCollectionRoute));
