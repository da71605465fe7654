import type { Client, InStatement, ResultSet, Row } from '@libsql/client';

/** Reads a column that must be present; a missing one is a programming error, not bad input. */
export function column<T extends string | number | null>(row: Row, name: string): T {
  if (!(name in row)) throw new Error(`query did not select column ${name}`);
  return row[name] as T;
}

/**
 * One statement its caller declares a write: a one-statement batch in write mode. A request's database
 * (lib/db/requestDatabase.ts) lets only a declared write carry the request's write charge; an `execute` is a read.
 */
export const writeOne = async (db: Client, statement: InStatement): Promise<ResultSet> => (await db.batch([statement], 'write'))[0]!;
