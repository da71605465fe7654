import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { created } from '../../lib/http/reply';
import { registerUserRoute } from '../../lib/schemas/routes/auth';

export const registerUser: RouteImplementation<typeof registerUserRoute, Pick<Services, 'auth'>> = async ({ body, signal }, { auth }) => {
  const tokens = await auth.register(body, signal);
  return created(tokens, `/users/${tokens.user.id}/`);
};

export const handler = createHttpHandler(registerUserRoute, registerUser, servicesFor(registerUserRoute));
