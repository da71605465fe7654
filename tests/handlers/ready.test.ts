import type { Client } from '@libsql/client';
import { openMigratedDatabase } from '../../lib/db/client';
import { healthRoute, readyRoute } from '../../lib/schemas/routes/health';
import { health } from '../../functions/health/health';
import { ready } from '../../functions/health/ready';
import { invokeRoute } from '../support/invokeRoute';
import { createTestServices, type TestServices } from '../support/services';
import { startSqld, type Sqld } from '../../harness/sqld';

/** Readiness (GET /health/ready/) asks the database; liveness (GET /health/) never does. */
describe('GET /health/ready/ (ready) and GET /health/ (health) on sqld', () => {
  let sqld: Sqld;
  let db: Client;
  let services: TestServices;
  beforeEach(async () => {
    sqld = await startSqld();
    db = await openMigratedDatabase({ url: sqld.url });
    services = await createTestServices({ db });
  });
  afterEach(async () => {
    if (sqld.pid) process.kill(sqld.pid, 'SIGCONT');
    db.close();
    await sqld.close();
  });

  const unavailable = {
    statusCode: 503,
    headers: { 'content-type': 'application/problem+json', 'retry-after': expect.stringMatching(/^[1-9]\d*$/) },
    body: { status: 503 },
  };

  it('answers 200 {"status": "ok", "database": "ok"} while the database answers', async () => {
    expect(await invokeRoute(readyRoute, ready, services)).toMatchObject({ statusCode: 200, body: { status: 'ok', database: 'ok' } });
  });

  it('answers 503 with Retry-After while sqld is down, and 200 again once it is back', async () => {
    await sqld.kill();

    expect(await invokeRoute(readyRoute, ready, services)).toMatchObject(unavailable);
    expect(await invokeRoute(healthRoute, health, services)).toMatchObject({ statusCode: 200, body: { status: 'ok' } });
    await sqld.start();

    expect(await invokeRoute(readyRoute, ready, services)).toMatchObject({ statusCode: 200, body: { database: 'ok' } });
  });

  it('answers 503 when sqld takes the connection but does not answer', async () => {
    process.kill(sqld.pid!, 'SIGSTOP');

    expect(await invokeRoute(readyRoute, ready, services)).toMatchObject(unavailable);
  });
});
