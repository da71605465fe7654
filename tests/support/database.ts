import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@libsql/client';
import { openMigratedDatabase } from '../../lib/db/client';

/** A fresh, migrated in-memory libSQL database: real SQL, nothing mocked. */
export function createMemoryDatabase(): Promise<Client> {
  return openMigratedDatabase({ url: ':memory:' });
}

export interface TempFileDatabase {
  url: string;
  /** Opens another client on the same file, as another Lambda container would. */
  open(): Promise<Client>;
  remove(): void;
}

/** A migrated database in a temporary file, for tests where several clients share one database. */
export function createTempFileDatabase(): TempFileDatabase {
  const folder = mkdtempSync(join(tmpdir(), 'movies-test-'));
  const url = `file:${join(folder, 'movies.db')}`;
  return {
    url,
    open: () => openMigratedDatabase({ url }),
    remove: () => rmSync(folder, { recursive: true, force: true }),
  };
}
