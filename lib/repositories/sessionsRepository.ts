import type { Client, InStatement, ResultSet } from '@libsql/client';
import type { Role } from '../schemas/identity';
import { failedAt, type RefusingStatement } from './batchFailure';
import { column } from './rows';
import { SQL_NOW } from '../db/sql';

export interface NewSignIn {
  /** The sign-in's id: the `sid` of its access tokens and the `family` of its refresh tokens. */
  id: string;
  userId: number;
  /** The sign-in's first refresh token. */
  refreshJti: string;
  /** Unix seconds. */
  refreshExpiresAt: number;
}

/**
 * The statement that says whether a token's sign-in is live: it answers the account's current role when
 * the account exists and the sign-in is neither revoked nor gone, and no row otherwise. One indexed read
 * (two primary-key lookups), built apart from its execution so a caller can run it inside a batch with
 * the request's other statements; readLiveRole reads its result either way.
 */
export const liveRoleStatement = (sessionId: string, userId: number): InStatement => ({
  sql: `SELECT u.role FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = ? AND s.user_id = ? AND s.revoked_at IS NULL`,
  args: [sessionId, userId],
});

/**
 * The text the guard below fails with, for whoever reads the error or the SQL (the bench spots the guard by it): its
 * refusal is told by its place in the batch, never by this.
 */
export const SIGN_IN_NOT_LIVE = 'the sign-in is not live';

/**
 * The codes the guard's failing json_extract comes with: the native driver's SQLITE_ERROR, and sqld's, which it
 * reports over HTTP as SQLITE_UNKNOWN (tests/unit/db/bothEngines.test.ts).
 */
const GUARD_FAILURE_CODES = ['SQLITE_ERROR', 'SQLITE_UNKNOWN'];

/**
 * A guard to run first in a request's own batch: it answers one row when the sign-in is live and the account
 * still has the token's role, and otherwise fails, which rolls back a write batch before any of its writes.
 * (SQLite has no RAISE outside triggers; json_extract with this path fails with the text in its message.)
 */
export const liveSignInGuard = (sessionId: string, userId: number, role: string): InStatement => ({
  sql: `SELECT CASE WHEN EXISTS (
          SELECT 1 FROM sessions s JOIN users u ON u.id = s.user_id
          WHERE s.id = ? AND s.user_id = ? AND s.revoked_at IS NULL AND u.role = ?
        ) THEN 1 ELSE json_extract('{}', '${SIGN_IN_NOT_LIVE}') END AS live`,
  args: [sessionId, userId, role],
});

/** The guard with how its refusal is told: the batch failed at the guard's own place. The service says what it means. */
export const signInGuard = (sessionId: string, userId: number, role: string): RefusingStatement<'sign-in not live'> => ({
  statement: liveSignInGuard(sessionId, userId, role),
  refusal: async (error, at) => (failedAt(error, at, GUARD_FAILURE_CODES) ? 'sign-in not live' : undefined),
});

export const readLiveRole = (result: ResultSet): Role | undefined => {
  const row = result.rows[0];
  return row ? column<Role>(row, 'role') : undefined;
};

/** Sign-ins (table sessions) and the refresh tokens they hand out. */
export function createSessionsRepository(db: Client) {
  return {
    /** Records a new sign-in with its first refresh token, in one atomic batch. */
    async start({ id, userId, refreshJti, refreshExpiresAt }: NewSignIn): Promise<void> {
      await db.batch(
        [
          { sql: 'INSERT INTO sessions (id, user_id) VALUES (?, ?)', args: [id, userId] },
          {
            sql: 'INSERT INTO refresh_tokens (jti, family, user_id, expires_at) VALUES (?, ?, ?, ?)',
            args: [refreshJti, id, userId, refreshExpiresAt],
          },
        ],
        'write',
      );
    },

    /** The account's current role while the sign-in is live; undefined once it is revoked or the account is gone. */
    async liveRole(sessionId: string, userId: number): Promise<Role | undefined> {
      return readLiveRole(await db.execute(liveRoleStatement(sessionId, userId)));
    },

    /** Ends a sign-in: its refresh tokens and its access tokens are refused from now on. */
    async revoke(sessionId: string): Promise<void> {
      await db.batch(
        [
          { sql: `UPDATE sessions SET revoked_at = COALESCE(revoked_at, ${SQL_NOW}) WHERE id = ?`, args: [sessionId] },
          { sql: `UPDATE refresh_tokens SET revoked_at = COALESCE(revoked_at, ${SQL_NOW}) WHERE family = ?`, args: [sessionId] },
        ],
        'write',
      );
    },
  };
}

export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
