import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { noContent } from '../../lib/http/reply';
import { deleteCollectionRoute } from '../../lib/schemas/routes/collections';

export const deleteCollection: RouteImplementation<typeof deleteCollectionRoute, Pick<Services, 'collections'>> = async (
  { params, user },
  { collections },
) => {
  await collections.remove(params.id, user.id);
  return noContent();
};

export const handler = createHttpHandler(deleteCollectionRoute, deleteCollection, servicesFor(deleteCollectionRoute));
