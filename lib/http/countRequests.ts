import type { HttpContext, HttpMiddleware } from './context';

/**
 * Counts the request in the database, once. The request's services owe the increment from the moment they are made
 * (lib/db/requestDatabase.ts): over the network it rides in the request's first call, on a local file it is sent
 * beside it at once. Here, once the answer is ready, it is sent alone if no call carried it (a 400, a 404 decided
 * without the database, a call that failed and rolled it back) and awaited, so it is stored before Lambda freezes
 * the container. Attached right after the services, it counts every request they reach: malformed ones, refused ones
 * and failed ones alike.
 */
export const countRequests = (): HttpMiddleware<'services'> => {
  const settle = async (request: { context: HttpContext }) => {
    await request.context.services?.requestDatabase.settleCount();
  };
  return { after: settle, onError: settle };
};
