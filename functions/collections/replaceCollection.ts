import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { replaceCollectionRoute } from '../../lib/schemas/routes/collections';

export const replaceCollection: RouteImplementation<typeof replaceCollectionRoute, Pick<Services, 'collections'>> = async (
  { params, body, user },
  { collections },
) => collections.replace(params.id, user.id, body);

export const handler = createHttpHandler(replaceCollectionRoute, replaceCollection, servicesFor(replaceCollectionRoute));
