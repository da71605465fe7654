import { asksToRetry } from '../errors';
import { getLogger } from '../logger';
import type { HttpMiddleware, HttpRequest } from './context';
import type { RouteContract } from '../schemas/routes/contract';

/**
 * One structured line per request: what was asked, of which route, by whom, and how it ended. Attached
 * first, so it runs last and sees the final response, errors included. Bodies, headers and query
 * strings are never logged: they are where passwords, tokens and keys travel.
 */
export function requestLog(route: RouteContract): HttpMiddleware {
  const started = new WeakMap<object, number>();
  const log = (request: HttpRequest) => {
    const status = request.response?.statusCode ?? 500;
    const user = request.context.user;
    const line = {
      method: request.event.requestContext.http.method,
      route: `${request.event.requestContext.http.method} ${route.path}`,
      path: request.event.rawPath,
      status,
      duration_ms: Math.round((performance.now() - (started.get(request.event) ?? performance.now())) * 10) / 10,
      request_id: request.context.requestId,
      ...(user?.id !== undefined ? { user_id: user.id } : {}),
    };
    const logger = request.context.services?.logger ?? getLogger();
    // A 503 to retry (load shed, the database away) is worth a warning, not an alert per request: nothing here failed.
    const retry = asksToRetry(request.error);
    logger[status < 500 ? 'info' : retry ? 'warn' : 'error']('request', line);
  };
  return {
    before: (request) => {
      started.set(request.event, performance.now());
    },
    after: log,
    onError: log,
  };
}
