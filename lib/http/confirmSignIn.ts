import type { HttpMiddleware } from './context';
import { answeredStatus } from './problemDetails';

/**
 * Nothing leaves before the caller's sign-in is confirmed live. Usually the route's own database call did it in
 * passing; a route that made none (or failed before making one) confirms it here, so a revoked token always
 * gets its 401, never a 200 or another 4xx. Attached after the error mapping, so it runs before it.
 */
export function confirmSignIn(): HttpMiddleware<'services'> {
  return {
    after: async (request) => {
      await request.context.services.requestDatabase.confirmSignIn();
    },
    onError: async (request) => {
      const status = answeredStatus(request.error);
      if (status < 500 && status !== 401) {
        try {
          await request.context.services?.requestDatabase.confirmSignIn();
        } catch (refused) {
          request.error = refused as Error;
        }
      }
    },
  };
}
