import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The id of the request being served, wherever the code that logs sits: serverless-offline serves concurrent
 * requests of one function in one process, so the id follows each request's own async work, not a global.
 */
const requestIds = new AsyncLocalStorage<string>();

export const withRequestId = <T>(requestId: string, run: () => T): T => requestIds.run(requestId, run);

export const currentRequestId = (): string | undefined => requestIds.getStore();
