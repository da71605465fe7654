import { getServices, type Services } from '../../lib/container';
import { Unauthorized } from '../../lib/errors';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { getMeRoute } from '../../lib/schemas/routes/users';

export const getMe: RouteImplementation<typeof getMeRoute, Pick<Services, 'users'>> = async ({ user }, { users }) => {
  const me = await users.findById(user.id);
  // A valid token for an account that no longer exists names nobody.
  if (!me) throw new Unauthorized('the account behind this token no longer exists');
  return me;
};

export const handler = createHttpHandler(getMeRoute, getMe, getServices);
