import { getServices, type Services } from '../../lib/container';
import { NotFound } from '../../lib/errors';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { getUserRoute } from '../../lib/schemas/routes/users';

export const getUser: RouteImplementation<typeof getUserRoute, Pick<Services, 'users'>> = async ({ params, user }, { users }) => {
  const found = await users.findById(params.id);
  if (!found) throw new NotFound(`user ${params.id} does not exist`);
  if (found.id === user.id || user.role === 'admin') return found;
  const { email: _email, ...publicView } = found;
  return publicView;
};

export const handler = createHttpHandler(getUserRoute, getUser, getServices);
