import type { Client } from '@libsql/client';
import { clientWith } from '../lib/db/clientWith';

/** Counts the calls made to the client: each execute or batch is one round trip to a remote database. */
export function countingCalls(db: Client) {
  const counted = { calls: 0 };
  const client = clientWith(db, {
    execute: ((...args: Parameters<Client['execute']>) => (counted.calls++, db.execute(...(args as [string])))) as Client['execute'],
    batch: ((...args: Parameters<Client['batch']>) => (counted.calls++, db.batch(...args))) as Client['batch'],
  });
  return { client, counted };
}
