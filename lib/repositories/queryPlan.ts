import type { Client, InValue } from '@libsql/client';

/**
 * The steps of SQLite's plan for a statement. Read inside a batch, which ends its transaction: an EXPLAIN run
 * alone by the local driver leaves its read snapshot open, and the connection's next write then fails as busy.
 */
export async function explain(db: Client, { sql, args }: { sql: string; args: InValue[] | Record<string, InValue> }): Promise<string[]> {
  const [plan] = await db.batch([{ sql: `EXPLAIN QUERY PLAN ${sql}`, args }], 'read');
  return plan!.rows.map((row) => String(row.detail));
}
