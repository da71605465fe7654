import { Forbidden, Unauthorized } from '../errors';
import type { AuthUser } from '../schemas/identity';
import type { HttpMiddleware } from './context';
import type { RouteContract } from '../schemas/routes/contract';

const BEARER = /^Bearer +([^\s]+) *$/i;

/**
 * Who is calling, and whether they may: the one place that reads tokens and roles, driven by the
 * route's `access` (and `writes`, under REQUIRE_AUTH_FOR_WRITES). A token is honoured on every route,
 * public ones included, and a bad one is refused even there: a client that sends a token wants it used.
 * Runs before the body is validated, so an anonymous caller learns nothing of a protected route.
 */
export function authenticate(route: RouteContract): HttpMiddleware<'services'> {
  const needsUser = (requireAuthForWrites: boolean) => route.access !== 'public' || (route.writes === true && requireAuthForWrites);
  return {
    before: async (request) => {
      const services = request.context.services;
      const header = request.event.headers?.authorization;
      let user: AuthUser | undefined;
      if (header !== undefined) {
        const token = BEARER.exec(header)?.[1];
        if (!token) throw new Unauthorized('the Authorization header must be "Bearer <access token>"');
        if (route.access === 'admin') {
          // An admin route must know the role the database holds before it acts: one round trip of its own.
          user = await services.auth.authenticate(token);
        } else {
          // Elsewhere the request's first database call confirms the sign-in (and the claimed role) in passing.
          const claimed = await services.auth.claimedCaller(token);
          services.requestDatabase.guardSignIn(claimed.liveness);
          user = claimed.user;
        }
      }
      if (!user) {
        if (needsUser(services.config.auth.requireAuthForWrites)) throw new Unauthorized('this route needs a bearer access token');
        return;
      }
      if (route.access === 'admin' && user.role !== 'admin') throw new Forbidden('this route is for admins');
      request.context.user = user;
    },
  };
}
