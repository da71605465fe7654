import type { FakeOpenAiServer } from '../../harness/fakeOpenAiServer';
import type { OfflineApi } from '../../harness/offlineApi';
import type { Sqld } from '../../harness/sqld';

interface E2eState {
  api: OfflineApi;
  llm: FakeOpenAiServer;
  sqld: Sqld;
  folder: string;
}

// globalSetup and globalTeardown run in the same (main) jest process and share this module instance.
const key = Symbol.for('movie-rating-api.e2e');
const holder = globalThis as unknown as Record<symbol, E2eState | undefined>;

export const e2eState = {
  set: (state: E2eState) => {
    holder[key] = state;
  },
  get: () => holder[key],
};
