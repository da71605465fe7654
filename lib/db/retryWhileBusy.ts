import type { Client } from '@libsql/client';
import { DatabaseUnavailable } from '../errors';
import { clientWith } from './clientWith';

/**
 * How long one call keeps asking for a libSQL server's write lock. sqld gives a writer about a tenth of a second before
 * it answers SQLITE_BUSY, where a local file's busy timeout waits 10 s; eight instances writing together meet that
 * answer (tests/handlers/manyInstances.test.ts), and a hundred concurrent ratings of one film queue for the lock one
 * after another (two seconds were not enough for a fifth of them on a loaded machine). Three seconds a call keep a
 * request whose two writes never get the lock (the request count's, then the route's) within the function's 10 s.
 */
export const BUSY_WAIT_MS = 3_000;
const FIRST_PAUSE_MS = 5;
const LONGEST_PAUSE_MS = 200;

const isBusy = (error: unknown) => (error as { code?: unknown } | null)?.code === 'SQLITE_BUSY';

async function whileBusy<T>(call: () => Promise<T>, waitMs: number): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(LONGEST_PAUSE_MS, pause * 2)) {
    try {
      return await call();
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (Date.now() + pause > deadline) throw new DatabaseUnavailable('the database stayed busy', { cause: error });
      // Jitter spreads instances refused together, so they do not collide again together.
      await new Promise((resolve) => setTimeout(resolve, pause / 2 + Math.random() * pause));
    }
  }
}

/**
 * The client, its execute and batch sent again after a short, growing, jittered pause while the server answers
 * SQLITE_BUSY, then failing with DatabaseUnavailable (answered 503 with Retry-After). Trying again is safe, not blind:
 * a busy answer means nothing was written (an autocommit statement did not run; a write batch's BEGIN IMMEDIATE did not
 * get the lock, so none of its statements ran). Interactive transactions are not wrapped: their earlier statements ran.
 */
export function retryWhileBusy(client: Client, waitMs = BUSY_WAIT_MS): Client {
  return clientWith(client, {
    execute: ((...args: Parameters<Client['execute']>) =>
      whileBusy(() => client.execute(...(args as [string])), waitMs)) as Client['execute'],
    batch: ((...args: Parameters<Client['batch']>) => whileBusy(() => client.batch(...args), waitMs)) as Client['batch'],
  });
}
