import type { HttpContext, HttpMiddleware } from './context';

/**
 * Counts the request in the database. The increment starts before the handler and is awaited once the
 * answer is ready, so it overlaps the handler's own work instead of delaying it, yet is stored before
 * Lambda freezes the container. Attached right after the services, it counts every request they reach:
 * malformed ones, refused ones and failed ones alike.
 */
export const countRequests = (): HttpMiddleware<'services'> => {
  const settle = async (request: { context: HttpContext }) => {
    await request.context.counted;
  };
  return {
    before: (request) => {
      request.context.counted = request.context.services.requestCounter.count();
    },
    after: settle,
    onError: settle,
  };
};
