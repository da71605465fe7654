import * as z from 'zod';
import type { Client } from '@libsql/client';
import { NotFound } from '../../../lib/errors';
import { createHttpHandler } from '../../../lib/http/createHttpHandler';
import { defineRoute } from '../../../lib/schemas/routes/contract';
import { health } from '../../../functions/health/health';
import { healthRoute } from '../../../lib/schemas/routes/health';
import { createTempFileDatabase, type TempFileDatabase } from '../../support/database';
import { httpEvent } from '../../../harness/events';
import { invoke } from '../../support/invoke';
import { createTestServices, type TestServices } from '../../support/services';

const countedRoute = defineRoute({
  functionName: 'counted',
  method: 'POST',
  path: '/things/',
  summary: 'Answer as asked',
  tags: ['test'],
  access: 'public',
  body: z.object({ outcome: z.enum(['ok', 'missing', 'fault']) }),
  response: { status: 200, description: 'ok', schema: z.unknown() },
});

const storedTotal = async (db: Client) => (await db.execute('SELECT coalesce(sum(count), 0) AS n FROM request_counter_shards')).rows[0]?.n;

describe('the request counter in the shared stack', () => {
  let services: TestServices;
  beforeEach(async () => {
    services = await createTestServices();
  });
  const handler = () =>
    createHttpHandler(
      countedRoute,
      async ({ body }) => {
        if (body.outcome === 'missing') throw new NotFound('no such thing');
        if (body.outcome === 'fault') throw new Error('disk on fire');
        return { ok: true };
      },
      async () => services,
    );
  const post = (body: unknown) => invoke(handler(), httpEvent({ method: 'POST', path: '/things/', body }));

  it('counts every request once, whatever its answer: 200, 400, 404 and 500 alike', async () => {
    const statuses = [];
    for (const body of [{ outcome: 'ok' }, '{"outcome": ', { outcome: 'nope' }, { outcome: 'missing' }, { outcome: 'fault' }]) {
      statuses.push((await post(body)).statusCode);
    }

    expect(statuses).toEqual([200, 400, 400, 404, 500]);
    expect(await storedTotal(services.db)).toBe(5);
  });

  it('spreads the increments over several shard rows', async () => {
    for (let i = 0; i < 64; i++) await post({ outcome: 'ok' });

    const shards = await services.db.execute('SELECT count(*) AS n FROM request_counter_shards WHERE count > 0');
    expect(shards.rows[0]?.n).toBeGreaterThan(1);
    expect(await storedTotal(services.db)).toBe(64);
  });

  it('answers the request anyway, and logs why, when the count cannot be stored', async () => {
    await services.db.execute('DROP TABLE request_counter_shards');

    const response = await post({ outcome: 'ok' });

    expect(response.statusCode).toBe(200);
    expect(services.logger.error).toHaveBeenCalledWith(
      'could not count the request',
      expect.objectContaining({ error: expect.any(Error) }),
    );
  });
});

describe('the request counter across Lambda containers', () => {
  let file: TempFileDatabase;
  const clients: Client[] = [];
  beforeEach(() => {
    file = createTempFileDatabase();
  });
  afterEach(() => {
    clients.splice(0).forEach((client) => client.close());
    file.remove();
  });

  it('counts exactly 200 concurrent requests served by four containers sharing one database', async () => {
    const containers = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const db = await file.open();
        clients.push(db);
        const services = await createTestServices({ db });
        return createHttpHandler(healthRoute, health, async () => services);
      }),
    );

    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => invoke(containers[i % containers.length]!, httpEvent({ path: '/health/' }))),
    );

    expect(responses.every((response) => response.statusCode === 200)).toBe(true);
    const reader = await file.open();
    clients.push(reader);
    expect(await storedTotal(reader)).toBe(200);
  });
});
