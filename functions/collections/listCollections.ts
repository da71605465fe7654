import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { listCollectionsRoute } from '../../lib/schemas/routes/collections';

export const listCollections: RouteImplementation<typeof listCollectionsRoute, Pick<Services, 'collections'>> = async (
  { query, user },
  { collections },
) => collections.list(user.id, query);

export const handler = createHttpHandler(listCollectionsRoute, listCollections, servicesFor(listCollectionsRoute));
