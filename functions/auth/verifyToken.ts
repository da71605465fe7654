import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { verifyTokenRoute } from '../../lib/schemas/routes/auth';

export const verifyToken: RouteImplementation<typeof verifyTokenRoute, Pick<Services, 'auth'>> = async ({ body }, { auth }) => {
  const { sub, role, token_use, iss, aud, iat, exp } = await auth.verify(body.token);
  return { valid: true as const, sub, role, token_use, iss, aud, iat, exp };
};

export const handler = createHttpHandler(verifyTokenRoute, verifyToken, servicesFor(verifyTokenRoute));
