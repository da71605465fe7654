import type { HttpMiddleware, StackServices } from './context';

/** The container, built on a container's first invocation (the provider memoises it) and handed to every one after. */
export const provideServices = (provide: () => Promise<StackServices>): HttpMiddleware => ({
  before: async (request) => {
    request.context.services = await provide();
  },
});
