import type { Client } from '@libsql/client';
import { parseConfig, type Config } from '../../lib/config';
import { createServices, type Services } from '../../lib/container';
import type { SummaryGenerator } from '../../lib/llm/summaryGenerator';
import type { AppLogger } from '../../lib/logger';
import type { PasswordHasher } from '../../lib/services/passwords';
import { createMemoryDatabase } from './database';

export const silentLogger = () => ({ debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() });

/** A jest double for the LLM that answers at once, deterministically. */
export const fakeSummaryGenerator = (text = 'A fake summary.', source = 'openai:gpt-4o-mini') =>
  ({ generate: jest.fn(async () => ({ text, source })) }) satisfies SummaryGenerator;

export interface TestServicesOptions {
  db?: Client;
  generator?: SummaryGenerator;
  env?: Record<string, string>;
  passwordHasher?: PasswordHasher;
  /** The throttling windows' clock, moved by hand. */
  clock?: () => number;
  /** A logger of the test's own (a real one, to read its lines); a silent double by default. */
  logger?: AppLogger;
}

/**
 * The container's services, and beside them the database they work on, for a test to arrange and check rows with.
 * Handlers never see `db`: their dependency types cannot name it.
 */
export type TestServices = Services & { readonly db: Client };

/** The real services on a fresh in-memory database, with a fake LLM and a silent, inspectable logger. */
export async function createTestServices(options: TestServicesOptions = {}): Promise<TestServices> {
  const config: Config = parseConfig({
    NODE_ENV: 'test',
    LLM_TIMEOUT_MS: '500',
    // One fixed key, so services rebuilt over the same database (another setting, another container) accept each other's tokens.
    JWT_SECRET: 'handler-tests-secret-that-is-long-enough',
    // Tests write freely from one address; the write limit's own tests set it low.
    WRITE_RATE_PER_MINUTE: '1000000',
    ...options.env,
  });
  const db = options.db ?? (await createMemoryDatabase());
  const services = createServices({
    config,
    db,
    logger: options.logger ?? silentLogger(),
    generator: options.generator ?? fakeSummaryGenerator(),
    // Hashing at the OWASP cost takes a third of a second; handler tests hash at 2^10 instead.
    passwordCost: { log2N: 10 },
    passwordHasher: options.passwordHasher,
    clock: options.clock,
  });
  return Object.defineProperty(services, 'db', { value: db, enumerable: false }) as TestServices;
}
