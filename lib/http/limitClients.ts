import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { Throttled } from '../errors';
import type { HttpContext, HttpMiddleware } from './context';
import { rateLimitHeaders } from './rateLimitHeaders';
import { rateLimitOf, type RouteContract } from '../schemas/routes/contract';

/**
 * The per-client limit of a route that declares one (`rateLimit: 'auth'`): each request from a source IP
 * counts, whatever becomes of it, and every answer, refusals and errors included, tells the client where
 * it stands (RateLimit-Policy, RateLimit). Past the limit: 429 with Retry-After, before any other work.
 */
export function limitClients(route: RouteContract): HttpMiddleware<'services'> {
  if (rateLimitOf(route) !== 'auth') return { before: () => undefined };
  const addHeaders = ({ response, context }: { response?: APIGatewayProxyStructuredResultV2 | null; context: HttpContext }) => {
    if (response && context.rateLimitHeaders) response.headers = { ...response.headers, ...context.rateLimitHeaders };
  };
  return {
    before: async (request) => {
      const services = request.context.services;
      const policy = { name: 'auth', limit: services.config.throttling.authRatePerMinute, windowSeconds: 60 };
      const decision = await services.rateLimiter.consume(policy, request.event.requestContext.http.sourceIp);
      const headers = rateLimitHeaders(decision);
      request.context.rateLimitHeaders = headers;
      if (!decision.allowed)
        throw new Throttled(
          'too many requests from this client; see Retry-After',
          decision.retryAfterSeconds ?? decision.resetSeconds,
          decision,
        );
    },
    after: addHeaders,
    onError: addHeaders,
  };
}
