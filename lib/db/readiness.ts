import type { Client } from '@libsql/client';
import { DatabaseUnavailable } from '../errors';

/** How long readiness gives the database to answer a trivial query. */
export const READINESS_BOUND_MS = 2000;

/**
 * Resolves once the database answers `SELECT 1` within `withinMs`, and fails with DatabaseUnavailable when it does not
 * (refused, failing, or slower): readiness asks one question, whatever the client's own bound on a request is.
 */
export async function databaseAnswers(db: Client, withinMs = READINESS_BOUND_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseUnavailable(`the database did not answer within ${withinMs} ms`)), withinMs);
  });
  try {
    await Promise.race([db.execute('SELECT 1'), late]);
  } catch (error) {
    throw error instanceof DatabaseUnavailable ? error : new DatabaseUnavailable('the database failed a trivial query', { cause: error });
  } finally {
    clearTimeout(timer);
  }
}
