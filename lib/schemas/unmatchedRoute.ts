import * as z from 'zod';
import { defineRoute } from './routes/contract';

/**
 * The catch-all (API Gateway's `$default` route): what no route contract matches. Not a route of the API, so it
 * lives outside lib/schemas/routes and the OpenAPI document; serverless.yml's generator adds its function.
 */
export const unmatchedRoute = defineRoute({
  functionName: 'unmatchedRoute',
  method: 'GET',
  path: '$default',
  summary: 'Any request no route matches',
  tags: [],
  access: 'public',
  // Whatever query came: a path no route serves is a 404 (or a 405), whatever it asks.
  query: z.record(z.string(), z.string().optional()),
  response: { status: 404, description: 'no route answers this path' },
  errors: [405],
});
