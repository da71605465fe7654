import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { refreshTokenRoute } from '../../lib/schemas/routes/auth';

export const refreshToken: RouteImplementation<typeof refreshTokenRoute, Pick<Services, 'auth'>> = async ({ body }, { auth }) =>
  auth.refresh(body.refresh_token);

export const handler = createHttpHandler(refreshTokenRoute, refreshToken, servicesFor(refreshTokenRoute));
