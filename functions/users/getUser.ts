import { getServices, type Services } from '../../lib/container';
import { notFound } from '../../lib/errors';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { getUserRoute } from '../../lib/schemas/routes/users';

export const getUser: RouteImplementation<typeof getUserRoute, Pick<Services, 'userViews'>> = async ({ params, user }, { userViews }) =>
  (await userViews.find(params.id, user)) ?? notFound('user', params.id);

export const handler = createHttpHandler(getUserRoute, getUser, getServices);
