import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { HttpMiddleware } from './context';

/**
 * One case-insensitive view of the request's headers: @middy/http-header-normalizer lower-cases every name in place
 * (API Gateway does already; serverless-offline's and a test's events may not), so the stack below reads
 * `event.headers['authorization']` and never searches.
 */
export const normalizeHeaders = (): HttpMiddleware => httpHeaderNormalizer({ canonical: false }) as HttpMiddleware;
