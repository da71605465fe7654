import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { issueTokenRoute } from '../../lib/schemas/routes/auth';

export const issueToken: RouteImplementation<typeof issueTokenRoute> = async ({ body, signal }, { auth }) =>
  auth.signIn(body.email, body.password, signal);

export const handler = createHttpHandler(issueTokenRoute, issueToken);
