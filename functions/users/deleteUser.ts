import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { noContent } from '../../lib/http/reply';
import { deleteUserRoute } from '../../lib/schemas/routes/users';

export const deleteUser: RouteImplementation<typeof deleteUserRoute, Pick<Services, 'auth'>> = async ({ params }, { auth }) => {
  await auth.deleteAccount(params.id);
  return noContent();
};

export const handler = createHttpHandler(deleteUserRoute, deleteUser, servicesFor(deleteUserRoute));
