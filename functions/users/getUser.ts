import { servicesFor, type Services } from '../../lib/container';
import { notFound } from '../../lib/errors';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { getUserRoute } from '../../lib/schemas/routes/users';

export const getUser: RouteImplementation<typeof getUserRoute, Pick<Services, 'users'>> = async ({ params, user }, { users }) =>
  (await users.find(params.id, user)) ?? notFound('user', params.id);

export const handler = createHttpHandler(getUserRoute, getUser, servicesFor(getUserRoute));
