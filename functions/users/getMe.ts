import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { getMeRoute } from '../../lib/schemas/routes/users';

export const getMe: RouteImplementation<typeof getMeRoute, Pick<Services, 'users'>> = async ({ user }, { users }) => users.me(user);

export const handler = createHttpHandler(getMeRoute, getMe, servicesFor(getMeRoute));
