import * as z from 'zod';
import { defineRoute } from './contract';

export const Health = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });

export const healthRoute = defineRoute({
  functionName: 'health',
  method: 'GET',
  path: '/health/',
  summary: 'Check that the API answers',
  tags: ['health'],
  access: 'public',
  response: { status: 200, description: 'the API is up', schema: Health },
});
