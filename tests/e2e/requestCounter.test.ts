import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOfflineApi, type OfflineApi } from '../support/offlineApi';

/**
 * Every other e2e suite shares one server and runs in parallel, so its count moves under our feet. This
 * suite starts a serverless-offline of its own, on its own database, where the count must be exact.
 */
describe('the request counter over HTTP, on a server of its own', () => {
  let api: OfflineApi;
  let folder: string;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'movies-counter-'));
    api = await startOfflineApi({ databaseUrl: `file:${join(folder, 'counter.db')}`, logFile: join(folder, 'serverless-offline.log') });
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const requests = async (path: string) => {
    const response = await fetch(`${api.baseUrl}${path}`);
    return ((await response.json()) as { requests: number }).requests;
  };

  it('counts exactly 200 concurrent requests to several functions, errors included', async () => {
    const before = await requests('/request-count/');
    const paths = ['/health/', '/health', '/movies/?page_size=1', '/movies/424242/', '/movies/?page=0', '/request-count', '/movies/abc/', '/openapi.json'];

    const statuses = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => (await fetch(`${api.baseUrl}${paths[i % paths.length]}`)).status),
    );
    const after = await requests('/request-count/');

    expect(new Set(statuses)).toEqual(new Set([200, 400, 404]));
    // the 200, and the reading request itself
    expect(after - before).toBe(201);
  });
});
