import type { Client } from '@libsql/client';
import { clientWith } from './clientWith';

/** How long a call keeps asking for the server's write lock: about what a local writer waits for its file's. */
const BUSY_WAIT_MS = 5_000;
const FIRST_PAUSE_MS = 5;
const LONGEST_PAUSE_MS = 200;

const isBusy = (error: unknown) => (error as { code?: unknown } | null)?.code === 'SQLITE_BUSY';

async function patiently<T>(call: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + BUSY_WAIT_MS;
  for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(LONGEST_PAUSE_MS, pause * 2)) {
    try {
      return await call();
    } catch (error) {
      if (!isBusy(error) || Date.now() + pause > deadline) throw error;
      // Jitter spreads instances refused together, so they do not collide again together.
      await new Promise((resolve) => setTimeout(resolve, pause / 2 + Math.random() * pause));
    }
  }
}

/**
 * A libSQL server (sqld, Turso) answers SQLITE_BUSY when many connections want its write lock at once (eight
 * instances writing together: tests/handlers/manyInstances.test.ts), where a local file's busy timeout would have
 * waited. A call refused so made no change: a lone statement in autocommit never ran, and a batch failed at its
 * BEGIN (once a batch holds the lock nothing in it is busy; a failed step rolls the whole batch back). So it is sent
 * again after a short, growing, jittered pause, for up to BUSY_WAIT_MS. Interactive transactions are not wrapped:
 * their earlier statements would have run.
 */
export function retryWhenBusy(client: Client): Client {
  return clientWith(client, {
    execute: ((...args: Parameters<Client['execute']>) => patiently(() => client.execute(...(args as [string])))) as Client['execute'],
    batch: ((...args: Parameters<Client['batch']>) => patiently(() => client.batch(...args))) as Client['batch'],
  });
}
