import type { Client } from '@libsql/client';
import { DatabaseUnavailable } from '../errors';
import { clientWith } from './clientWith';

/**
 * The waits between tries of a call answered SQLITE_BUSY. sqld gives a writer about a tenth of a second to get its
 * write lock before it answers so; these add up to 0.8 s, about 1.4 s a call with sqld's own waits, so that a request
 * whose two writes both stay busy is still answered well within 5 s.
 */
export const BUSY_BACKOFF_MS: readonly number[] = [25, 50, 100, 200, 400];

const isBusy = (error: unknown) => (error as { code?: unknown } | null)?.code === 'SQLITE_BUSY';

/**
 * The client, its execute and batch tried again while the server answers SQLITE_BUSY, then failing with
 * DatabaseUnavailable (answered 503 with Retry-After). Trying again is safe, not blind: a busy answer means nothing
 * was written (an autocommit statement did not run; a write batch's BEGIN IMMEDIATE did not get the lock, so none of
 * its statements ran).
 */
export function retryWhileBusy(client: Client, backoffMs: readonly number[] = BUSY_BACKOFF_MS): Client {
  const retried =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await call(...args);
        } catch (error) {
          const wait = backoffMs[attempt];
          if (!isBusy(error)) throw error;
          if (wait === undefined) throw new DatabaseUnavailable('the database stayed busy', { cause: error });
          await new Promise((resolve) => setTimeout(resolve, wait));
        }
      }
    };
  return clientWith(client, {
    execute: retried(client.execute.bind(client)) as Client['execute'],
    batch: retried(client.batch.bind(client)),
  });
}
