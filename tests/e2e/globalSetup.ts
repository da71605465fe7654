import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeOpenAiServer } from '../../harness/fakeOpenAiServer';
import { startOfflineApi } from '../../harness/offlineApi';
import { startSqld } from '../../harness/sqld';
import { e2eState } from './state';

/**
 * Starts the API under serverless-offline once for all end-to-end tests, against a fresh database on a real libSQL
 * server (sqld over HTTP, as a deployed function reaches its database); the test workers inherit E2E_BASE_URL and
 * E2E_DATABASE_URL from this process's environment.
 */
export default async function globalSetup(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'movies-e2e-'));
  // The real openai client inside the API talks to this loopback fake; nothing leaves the machine.
  const llm = await startFakeOpenAiServer({ kind: 'reply', delayMs: 50 });
  // The admin the API ensures at start, for the suites that need one.
  const [adminEmail, adminPassword] = ['admin@e2e.example.com', randomBytes(12).toString('base64url')];
  // A few connections at a time, the rest queued by sqld: a burst of writers on many connections can wedge sqld 0.24's
  // write lock for good (docs/SCALING.md), and a hundred concurrent ratings are part of the suite.
  const sqld = await startSqld({ dbPath: join(folder, 'e2e.sqld'), maxConcurrentConnections: 8 });
  const databaseUrl = sqld.url;
  const api = await startOfflineApi({
    databaseUrl,
    logFile: join(folder, 'serverless-offline.log'),
    env: {
      OPENAI_API_KEY: 'sk-e2e-fake',
      OPENAI_BASE_URL: llm.baseUrl,
      LLM_TIMEOUT_MS: '3000',
      ADMIN_EMAIL: adminEmail,
      ADMIN_PASSWORD: adminPassword,
      // Every suite signs in from 127.0.0.1: the per-client /auth/* limit is raised so they do not throttle one another.
      AUTH_RATE_PER_MINUTE: '100000',
      // Likewise every suite writes from 127.0.0.1; tests/e2e/writeLimits.test.ts has a server of its own.
      WRITE_RATE_PER_MINUTE: '100000',
      LLM_MAX_CALLS_PER_HOUR: '100000',
      // The scheduled refresh of C runs every minute rather than every five, so tests/e2e/scores.test.ts sees one.
      SCORE_REFRESH_RATE: 'rate(1 minute)',
    },
  });
  process.env.E2E_BASE_URL = api.baseUrl;
  // For suites that put films in the catalogue the way `npm run seed` does, through the real import.
  process.env.E2E_DATABASE_URL = databaseUrl;
  process.env.E2E_VALIDATION_LOG = join(folder, 'validated-responses.log');
  process.env.E2E_FAKE_OPENAI_URL = llm.baseUrl;
  process.env.E2E_ADMIN_EMAIL = adminEmail;
  process.env.E2E_ADMIN_PASSWORD = adminPassword;
  e2eState.set({ api, llm, sqld, folder });
}
