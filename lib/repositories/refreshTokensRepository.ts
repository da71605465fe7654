import type { Client } from '@libsql/client';
import { SQL_NOW } from '../db/sql';

export function createRefreshTokensRepository(db: Client) {
  return {
    /**
     * Spends refresh token `jti` and records its successor `next` in the same family, in one atomic
     * batch. A token that was already used (or revoked) is not spent again: instead its whole family is
     * revoked, and its sign-in ended, since a second use means someone else holds a copy. Answers whether the rotation happened.
     */
    async rotate(jti: string, next: { jti: string; expiresAt: number }, nowSeconds: number): Promise<boolean> {
      const [, inserted] = await db.batch(
        [
          {
            sql: `UPDATE refresh_tokens SET used_at = ${SQL_NOW} WHERE jti = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?`,
            args: [jti, nowSeconds],
          },
          {
            sql: `INSERT INTO refresh_tokens (jti, family, user_id, expires_at)
                  SELECT ?, family, user_id, ? FROM refresh_tokens WHERE jti = ? AND changes() = 1 RETURNING jti`,
            args: [next.jti, next.expiresAt, jti],
          },
          {
            sql: `UPDATE refresh_tokens SET revoked_at = COALESCE(revoked_at, ${SQL_NOW})
                  WHERE family = (SELECT family FROM refresh_tokens WHERE jti = ?)
                    AND NOT EXISTS (SELECT 1 FROM refresh_tokens WHERE jti = ?)`,
            args: [jti, next.jti],
          },
          // The sign-in ends with its family, so its access tokens are refused at once too.
          {
            sql: `UPDATE sessions SET revoked_at = COALESCE(revoked_at, ${SQL_NOW})
                  WHERE id = (SELECT family FROM refresh_tokens WHERE jti = ?)
                    AND NOT EXISTS (SELECT 1 FROM refresh_tokens WHERE jti = ?)`,
            args: [jti, next.jti],
          },
        ],
        'write',
      );
      return inserted!.rows.length === 1; // a batch answers one result per statement
    },
  };
}

export type RefreshTokensRepository = ReturnType<typeof createRefreshTokensRepository>;
