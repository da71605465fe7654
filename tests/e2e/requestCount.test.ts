import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOfflineApi, type OfflineApi } from '../../harness/offlineApi';
import { fetchApi } from './http';

/**
 * Every other e2e suite shares one server and runs in parallel, so its count moves under our feet. This
 * suite starts a serverless-offline of its own, on its own database, where the count must be exact.
 */
const ADMIN = { email: 'counter-admin@e2e.example.com', password: randomBytes(12).toString('base64url') };

describe('the request counter over HTTP, on a server of its own', () => {
  let api: OfflineApi;
  let folder: string;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'movies-counter-'));
    api = await startOfflineApi({
      databaseUrl: `file:${join(folder, 'counter.db')}`,
      logFile: join(folder, 'serverless-offline.log'),
      env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
    });
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const requests = async (path: string) => {
    const response = await fetchApi(path, {}, api.baseUrl);
    return ((await response.json()) as { requests: number }).requests;
  };

  it('counts exactly 200 concurrent requests to several functions, errors included', async () => {
    const before = await requests('/request-count/');
    const paths = [
      '/health/',
      '/health',
      '/movies/?page_size=1',
      '/movies/424242/',
      '/movies/?page=0',
      '/request-count',
      '/movies/abc/',
      '/openapi.json',
    ];

    const statuses = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => (await fetchApi(paths[i % paths.length]!, {}, api.baseUrl)).status),
    );
    const after = await requests('/request-count/');

    expect(new Set(statuses)).toEqual(new Set([200, 400, 404]));
    // the 200, and the reading request itself
    expect(after - before).toBe(201);
  });

  it('lets the admin reset the count to zero, and no one else', async () => {
    const signIn = async (body: object) =>
      (
        await fetchApi(
          '/auth/token/',
          { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
          api.baseUrl,
        )
      ).json() as Promise<{
        access_token: string;
      }>;
    const reset = (headers: Record<string, string> = {}) => fetchApi('/request-count/reset/', { method: 'POST', headers }, api.baseUrl);
    const registered = await fetchApi(
      '/auth/register/',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'counter-basic@e2e.example.com', password: 'a-basic-password' }),
      },
      api.baseUrl,
    );
    const basic = ((await registered.json()) as { access_token: string }).access_token;
    const admin = (await signIn(ADMIN)).access_token;

    expect((await reset()).status).toBe(401);
    expect((await reset({ authorization: `Bearer ${basic}` })).status).toBe(403);
    expect(await requests('/request-count/')).toBeGreaterThan(200);
    const done = await reset({ authorization: `Bearer ${admin}` });

    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ message: 'request count reset' });
    expect(await requests('/request-count')).toBe(1);
  });
});
