import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOfflineApi } from '../support/offlineApi';
import { e2eState } from './state';

/**
 * Starts the API under serverless-offline once for all end-to-end tests, against a fresh database file;
 * the test workers inherit E2E_BASE_URL from this process's environment.
 */
export default async function globalSetup(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'movies-e2e-'));
  const api = await startOfflineApi({
    databaseUrl: `file:${join(folder, 'e2e.db')}`,
    logFile: join(folder, 'serverless-offline.log'),
  });
  process.env.E2E_BASE_URL = api.baseUrl;
  e2eState.set({ api, folder });
}
