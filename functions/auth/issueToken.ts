import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { issueTokenRoute } from '../../lib/schemas/routes/auth';

export const issueToken: RouteImplementation<typeof issueTokenRoute> = async ({ body }, { auth }) => auth.signIn(body.email, body.password);

export const handler = createHttpHandler(issueTokenRoute, issueToken);
