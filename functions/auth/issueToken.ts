import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { issueTokenRoute } from '../../lib/schemas/routes/auth';

export const issueToken: RouteImplementation<typeof issueTokenRoute, Pick<Services, 'auth'>> = async ({ body, signal }, { auth }) =>
  auth.signIn(body.email, body.password, signal);

export const handler = createHttpHandler(issueTokenRoute, issueToken, servicesFor(issueTokenRoute));
