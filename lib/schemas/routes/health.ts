import * as z from 'zod';
import { defineRoute } from './contract';

export const Health = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });

export const healthRoute = /* @__PURE__ */ defineRoute({
  functionName: 'health',
  method: 'GET',
  path: '/health/',
  summary: 'Check that the API answers',
  tags: ['health'],
  access: 'public',
  liveness: true,
  response: { status: 200, description: 'the API is up', schema: Health },
});

export const Ready = z.object({ status: z.literal('ok'), database: z.literal('ok') }).meta({ id: 'Ready' });

export const readyRoute = /* @__PURE__ */ defineRoute({
  functionName: 'ready',
  method: 'GET',
  path: '/health/ready/',
  summary: 'Check that the API and its database answer',
  description:
    'Readiness, for a load balancer or a synthetic check: 200 when the database answers within 2 s, else 503 with ' +
    'Retry-After. GET /health/ is liveness and never asks the database.',
  tags: ['health'],
  access: 'public',
  response: { status: 200, description: 'the API and its database answer', schema: Ready },
});
