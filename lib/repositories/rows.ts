import type { Row } from '@libsql/client';

/** Reads a column that must be present; a missing one is a programming error, not bad input. */
export function column<T extends string | number | null>(row: Row, name: string): T {
  if (!(name in row)) throw new Error(`query did not select column ${name}`);
  return row[name] as T;
}
