import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startFakeOpenAiServer, titleAskedAbout, type FakeOpenAiServer } from '../../harness/fakeOpenAiServer';
import { startOfflineApi, type OfflineApi } from '../../harness/offlineApi';
import { fetchApi } from './http';

/**
 * The shared server lifts the limits so the suites running beside each other do not throttle one another; this
 * suite starts a serverless-offline of its own with small ones: 3 writes per 5-second window (a window a test can
 * wait out), and its own loopback OpenAI server.
 */
const ADMIN = { email: 'limits-admin@e2e.example.com', password: randomBytes(12).toString('base64url') };
const WRITES = 3;

describe('per-client limits over HTTP, on a server of its own', () => {
  let api: OfflineApi;
  let llm: FakeOpenAiServer;
  let folder: string;
  let adminToken: string;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'movies-limits-'));
    llm = await startFakeOpenAiServer({ kind: 'reply' });
    api = await startOfflineApi({
      databaseUrl: `file:${join(folder, 'limits.db')}`,
      logFile: join(folder, 'serverless-offline.log'),
      env: {
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        WRITE_RATE_PER_MINUTE: String(WRITES),
        WRITE_WINDOW_SECONDS: '5',
        OPENAI_API_KEY: 'sk-e2e-fake',
        OPENAI_BASE_URL: llm.baseUrl,
        LLM_MAX_CALLS_PER_HOUR: '3',
      },
    });
    adminToken = ((await (await call('/auth/token/', { method: 'POST', body: ADMIN })).json()) as { access_token: string }).access_token;
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    await llm?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  function call(path: string, { method = 'GET', body, token }: { method?: string; body?: unknown; token?: string } = {}) {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
    return fetchApi(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }, api.baseUrl);
  }
  const postMovie = (title: string, token?: string) => call('/movies/', { method: 'POST', body: { title }, token });

  it('refuses an anonymous client its fourth write in a window with 429 and the headers, spares a signed-in client and an admin, and lets it write again once the window rolls', async () => {
    // The function is loaded by an exempt write, so the client's writes below fall well inside one window.
    expect((await postMovie('Warm-up', adminToken)).status).toBe(201);
    const registered = await call('/auth/register/', {
      method: 'POST',
      body: { email: 'limits-user@e2e.example.com', password: 'a-long-enough-password' },
    });
    const userToken = ((await registered.json()) as { access_token: string }).access_token;

    const allowed = [];
    for (let i = 0; i < WRITES; i++) allowed.push(await postMovie(`Allowed ${i}`));
    const refused = await postMovie('One too many');
    const signedIn = await postMovie('A signed-in client', userToken);
    const admin = [];
    for (let i = 0; i < WRITES + 2; i++) admin.push((await postMovie(`Admin ${i}`, adminToken)).status);

    expect(allowed.map((response) => response.status)).toEqual([201, 201, 201]);
    expect(allowed[0]!.headers.get('ratelimit-policy')).toBe(`"write";q=${WRITES};w=5`);
    expect(allowed[2]!.headers.get('ratelimit')).toMatch(/^"write";r=0;t=\d+$/);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(await refused.json()).toMatchObject({ status: 429, title: 'Too Many Requests' });
    expect(refused.headers.get('ratelimit-policy')).toBe(`"write";q=${WRITES};w=5`);
    expect(refused.headers.get('ratelimit')).toMatch(/^"write";r=0;t=\d+$/);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(5);
    expect(signedIn.status).toBe(201);
    expect(admin).toEqual([201, 201, 201, 201, 201]);

    await sleep(retryAfter * 1000 + 250);
    const again = await postMovie('After the window');

    expect(again.status).toBe(201);
    expect(again.headers.get('ratelimit')).toMatch(/^"write";r=2;t=\d+$/);
  });

  it('spends at most LLM_MAX_CALLS_PER_HOUR=3 generations: five new movies read once each make exactly three LLM calls and five 200 answers', async () => {
    const titles = Array.from({ length: 5 }, (_, i) => `Budget film ${i}`);
    const ids = [];
    for (const title of titles) ids.push(((await (await postMovie(title, adminToken)).json()) as { id: number }).id);

    const reads = [];
    for (const id of ids) reads.push(await call(`/movies/${id}/`));
    const bodies = (await Promise.all(reads.map((read) => read.json()))) as { summary: string | null; summary_source: string | null }[];

    expect(reads.map((read) => read.status)).toEqual([200, 200, 200, 200, 200]);
    expect(llm.requests.map(titleAskedAbout).filter((title) => titles.includes(title as string))).toEqual(titles.slice(0, 3));
    expect(bodies.map((body) => body.summary_source)).toEqual([
      'openai:gpt-4o-mini',
      'openai:gpt-4o-mini',
      'openai:gpt-4o-mini',
      'facts',
      'facts',
    ]);
  });
});
