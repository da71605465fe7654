import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { noContent } from '../../lib/http/reply';
import { deleteMeRoute } from '../../lib/schemas/routes/users';

export const deleteMe: RouteImplementation<typeof deleteMeRoute, Pick<Services, 'auth'>> = async ({ body, user, signal }, { auth }) => {
  await auth.deleteOwnAccount(user.id, body.password, signal);
  return noContent();
};

export const handler = createHttpHandler(deleteMeRoute, deleteMe, servicesFor(deleteMeRoute));
