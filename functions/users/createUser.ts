import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { created } from '../../lib/http/reply';
import { createUserRoute } from '../../lib/schemas/routes/users';

export const createUser: RouteImplementation<typeof createUserRoute, Pick<Services, 'auth'>> = async ({ body, signal }, { auth }) => {
  const user = await auth.createAccount(body, signal);
  return created(user, `/users/${user.id}/`);
};

export const handler = createHttpHandler(createUserRoute, createUser, servicesFor(createUserRoute));
