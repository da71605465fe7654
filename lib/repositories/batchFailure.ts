import type { InStatement } from '@libsql/client';

/**
 * A statement that refuses by failing (a guard, a capped count), and how its refusal is told from any other failure:
 * by the place it held in the batch that failed, never by the text of the error, which each engine words its own way.
 */
export interface RefusingStatement<Refusal> {
  readonly statement: InStatement;
  /** Why it refused, when the batch that carried it as statement `at` failed because of it; undefined otherwise. */
  refusal(error: unknown, at: number): Promise<Refusal | undefined>;
}

interface BatchFailure {
  /** Which statement of the batch failed, counted from 0. */
  statementIndex: number;
  code: string;
}

/**
 * @libsql/client's LibsqlBatchError, read by its shape rather than by instanceof: the client is loaded from
 * '@libsql/client/web' or '@libsql/client/sqlite3' (lib/db/client.ts), and the package's root, which exports the
 * class, would load both.
 */
const isBatchFailure = (error: unknown): error is BatchFailure =>
  error instanceof Error &&
  typeof (error as Partial<BatchFailure>).statementIndex === 'number' &&
  typeof (error as Partial<BatchFailure>).code === 'string';

/**
 * Whether a batch failed at its statement `at` with one of `codes`: the statement's own refusal, not a failure of
 * another statement, nor the database failing to run it (busy, locked, a transaction closed).
 */
export const failedAt = (error: unknown, at: number, codes: readonly string[]): boolean =>
  isBatchFailure(error) && error.statementIndex === at && codes.includes(error.code);
