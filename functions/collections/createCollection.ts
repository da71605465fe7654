import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { created } from '../../lib/http/reply';
import { createCollectionRoute } from '../../lib/schemas/routes/collections';

export const createCollection: RouteImplementation<typeof createCollectionRoute, Pick<Services, 'collections'>> = async (
  { body, user },
  { collections },
) => {
  const collection = await collections.create(user.id, body);
  return created(collection, `/collections/${collection.id}/`);
};

export const handler = createHttpHandler(createCollectionRoute, createCollection, servicesFor(createCollectionRoute));
