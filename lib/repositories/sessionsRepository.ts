import type { Client, InStatement, ResultSet } from '@libsql/client';
import { INVALID_TOKEN, Unauthorized } from '../errors';
import type { LeadingStatement } from '../requestDuties';
import type { Role } from '../schemas/identity';
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

/** The text the guard below fails with, by which its failure is told from any other. */
export const SIGN_IN_NOT_LIVE = 'the sign-in is not live';

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

/**
 * The guard as the request guard leads a call with it (lib/db/requestDatabase.ts): a sign-in found not live is a 401, whatever
 * the call was doing.
 */
export const signInGuard = (sessionId: string, userId: number, role: string): LeadingStatement => ({
  statement: liveSignInGuard(sessionId, userId, role),
  accepted: () => undefined,
  refusal: async (error) =>
    error instanceof Error && error.message.includes(SIGN_IN_NOT_LIVE) ? new Unauthorized(INVALID_TOKEN) : undefined,
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
