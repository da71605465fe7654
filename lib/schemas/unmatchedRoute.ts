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
  response: { status: 404, description: 'no route answers this path' },
  errors: [405],
});
