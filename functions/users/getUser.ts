import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { getUserRoute } from '../../lib/schemas/routes/users';

export const getUser: RouteImplementation<typeof getUserRoute, Pick<Services, 'users'>> = async ({ params, user }, { users }) =>
  users.find(params.id, user);

export const handler = createHttpHandler(getUserRoute, getUser, servicesFor(getUserRoute));
