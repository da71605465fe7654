import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { noContent } from '../../lib/http/reply';
import { logoutRoute } from '../../lib/schemas/routes/auth';

export const logout: RouteImplementation<typeof logoutRoute, Pick<Services, 'auth'>> = async ({ body }, { auth }) => {
  await auth.logout(body.refresh_token);
  return noContent();
};

export const handler = createHttpHandler(logoutRoute, logout, servicesFor(logoutRoute));
