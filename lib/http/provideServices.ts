import type { HttpMiddleware, StackServices } from './context';

/**
 * The request's services: the container's (built on a container's first invocation, the provider memoises it), bound
 * to this request (its database handle, its logger). Cheap: nothing is built until the handler asks for it.
 */
export const provideServices = (provide: () => Promise<StackServices>): HttpMiddleware => ({
  before: async (request) => {
    request.context.services = (await provide()).forRequest({ requestId: request.context.requestId });
  },
});
