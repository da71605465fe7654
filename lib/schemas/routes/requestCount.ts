import * as z from 'zod';
import { defineRoute } from './contract';

export const RequestCount = z
  .object({ requests: z.number().int().nonnegative().describe('requests served by every function and instance since the last reset') })
  .meta({ id: 'RequestCount' });

export const getRequestCountRoute = /* @__PURE__ */ defineRoute({
  functionName: 'getRequestCount',
  method: 'GET',
  path: '/request-count/',
  summary: 'How many requests the API has served',
  description: 'Counts every request of every function, errors included, this one too.',
  tags: ['request counter'],
  access: 'public',
  response: { status: 200, description: 'the count', schema: RequestCount },
});

export const RequestCountReset = z.object({ message: z.literal('request count reset') }).meta({ id: 'RequestCountReset' });

export const resetRequestCountRoute = /* @__PURE__ */ defineRoute({
  functionName: 'resetRequestCount',
  method: 'POST',
  path: '/request-count/reset/',
  summary: 'Set the request count back to zero',
  description: 'Counting starts again after this request.',
  tags: ['request counter'],
  access: 'admin',
  response: { status: 200, description: 'the count is zero', schema: RequestCountReset },
});
