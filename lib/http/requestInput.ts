import type { RouteContract } from '../schemas/routes/contract';
import type { HttpMiddleware } from './context';
import { validateRequest } from './validateRequest';

/** What the handler receives: path, query and body validated against the route's contract, and the request's facts. */
export function requestInput(route: RouteContract): HttpMiddleware<'caller' | 'body'> {
  return {
    before: (request) => {
      const { event, context } = request;
      context.input = {
        ...validateRequest(route, event, context.body),
        requestId: context.requestId,
        method: event.requestContext.http.method,
        path: event.rawPath,
        // Lower-case names already (normalizeHeaders).
        headers: event.headers ?? {},
        user: context.user,
      };
    },
  };
}
