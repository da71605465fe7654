import type { Client } from '@libsql/client';
import { openMigratedDatabase } from '../../lib/db/client';
import { createTempFileDatabase } from './database';
import { startSqld } from '../../harness/sqld';

export interface RunningEngine {
  /** Another client on the same database, as another Lambda container would open. */
  open(): Promise<Client>;
  close(): Promise<void>;
}

/**
 * The two engines a deployment may run on, for tests that must hold on both: a database file opened by the native
 * driver (npm start, tests) and sqld over HTTP (a deployed function). They differ in error codes and messages, in
 * what rowsAffected counts after RETURNING, and in how a second writer waits; `describe.each(engines)` runs a suite on each.
 */
export const engines: [name: string, start: () => Promise<RunningEngine>][] = [
  [
    'a database file',
    async () => {
      const file = createTempFileDatabase();
      return { open: file.open, close: async () => file.remove() };
    },
  ],
  [
    'sqld over HTTP',
    async () => {
      const server = await startSqld();
      return { open: () => openMigratedDatabase({ url: server.url }), close: server.close };
    },
  ],
];
