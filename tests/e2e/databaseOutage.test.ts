import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOfflineApi, type OfflineApi } from '../../harness/offlineApi';
import { startSqld, type Sqld } from '../../harness/sqld';
import { fetchApi } from './http';

/**
 * sqld killed, stopped and restarted under a running API. The suite has its API and sqld of its own, so no other
 * suite sees the outage. What it measures (how long the 503s and the recovery took) is printed, never asserted.
 */
describe('the API while its sqld goes away and comes back', () => {
  let sqld: Sqld;
  let api: OfflineApi;
  let folder: string;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'movies-outage-'));
    sqld = await startSqld({ dbPath: join(folder, 'outage.sqld') });
    api = await startOfflineApi({ databaseUrl: sqld.url, logFile: join(folder, 'serverless-offline.log') });
  }, 120_000);
  afterAll(async () => {
    if (sqld?.pid) process.kill(sqld.pid, 'SIGCONT');
    await api?.stop();
    await sqld?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const call = async (path: string, { method = 'GET', body }: { method?: string; body?: unknown } = {}) => {
    const started = performance.now();
    const init = body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    const response = await fetchApi(path, init, api.baseUrl);
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, ms: Math.round(performance.now() - started) };
  };
  const expectUnavailable = (answer: Awaited<ReturnType<typeof call>>) => {
    expect(answer.status).toBe(503);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(answer.text).not.toMatch(/stack|fetch failed|127\.0\.0\.1|\.ts/);
  };
  const register = (email: string) => call('/auth/register/', { method: 'POST', body: { email, password: 'an-outage-password' } });
  const signIn = (email: string) => call('/auth/token/', { method: 'POST', body: { email, password: 'an-outage-password' } });

  /** Polls readiness until it answers 200 (at most 30 s), for how long recovery took. */
  async function untilReady(): Promise<number> {
    const started = performance.now();
    while ((await call('/health/ready/')).status !== 200) {
      if (performance.now() - started > 30_000) throw new Error('the API did not become ready again within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return Math.round(performance.now() - started);
  }

  it('answers 503 with Retry-After while sqld is killed, stays live, and serves every acknowledged write once sqld is back', async () => {
    expect((await register('kept@outage.example.com')).status).toBe(201);
    expect((await call('/movies/?page_size=1')).status).toBe(200);
    expect((await call('/health/ready/')).status).toBe(200);

    await sqld.kill();
    const read = await call('/movies/?page_size=1');
    const write = await register('refused@outage.example.com');
    const readiness = await call('/health/ready/');
    const liveness = await call('/health/');
    await sqld.start();
    const recovery = await untilReady();

    [read, write, readiness].forEach(expectUnavailable);
    expect(liveness.status).toBe(200);
    expect((await signIn('kept@outage.example.com')).status).toBe(200);
    expect((await call('/movies/?page_size=1')).status).toBe(200);
    console.log(
      `sqld killed: read 503 in ${read.ms} ms, write 503 in ${write.ms} ms, readiness 503 in ${readiness.ms} ms, ` +
        `liveness 200 in ${liveness.ms} ms; ready again ${recovery} ms after sqld answered`,
    );
  }, 60_000);

  it('answers 503 while sqld takes connections but never answers (stopped), and serves again once it resumes', async () => {
    process.kill(sqld.pid!, 'SIGSTOP');
    const read = await call('/movies/?page_size=1');
    const readiness = await call('/health/ready/');
    process.kill(sqld.pid!, 'SIGCONT');
    const recovery = await untilReady();

    [read, readiness].forEach(expectUnavailable);
    expect((await call('/movies/?page_size=1')).status).toBe(200);
    console.log(
      `sqld stopped: read 503 in ${read.ms} ms, readiness 503 in ${readiness.ms} ms; ready again ${recovery} ms after it resumed`,
    );
  }, 60_000);
});
