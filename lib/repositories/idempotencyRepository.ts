import type { Client } from '@libsql/client';
import { column } from './rows';

/** Whose key it is: the caller (a user, else a source IP) and the route it was sent to. */
export interface KeyScope {
  caller: string;
  route: string;
  key: string;
}

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string | undefined;
}

export type Claim = { claimed: true } | { claimed: false; requestHash: string; response?: StoredResponse };

export interface ClaimOptions {
  requestHash: string;
  nowMs: number;
  /** How long the claim holds while the first request is processed; a crashed one frees it after this. */
  lockMs: number;
  /** How long the key and its answer are kept. */
  ttlMs: number;
}

/** Idempotency keys (table idempotency_keys), shared by every instance. */
export function createIdempotencyRepository(db: Client) {
  return {
    /**
     * Claims the key for this request, in one round trip: a new key, an expired one, or one whose first
     * request (with this same body) died holding it, is taken; otherwise the stored state comes back.
     */
    async claim(scope: KeyScope, { requestHash, nowMs, lockMs, ttlMs }: ClaimOptions): Promise<Claim> {
      const args = { ...scope, hash: requestHash, now: nowMs, lockedUntil: nowMs + lockMs, expiresAt: nowMs + ttlMs };
      const [claimed, stored] = await db.batch(
        [
          {
            sql: `INSERT INTO idempotency_keys (caller, route, key, request_hash, locked_until_ms, expires_at_ms)
                  VALUES (:caller, :route, :key, :hash, :lockedUntil, :expiresAt)
                  ON CONFLICT (caller, route, key) DO UPDATE SET
                    request_hash = excluded.request_hash, status = NULL, headers = NULL, body = NULL,
                    locked_until_ms = excluded.locked_until_ms, expires_at_ms = excluded.expires_at_ms
                  WHERE expires_at_ms <= :now OR (status IS NULL AND locked_until_ms <= :now AND request_hash = excluded.request_hash)
                  RETURNING 1 AS claimed`,
            args,
          },
          {
            sql: 'SELECT request_hash, status, headers, body FROM idempotency_keys WHERE caller = :caller AND route = :route AND key = :key',
            args: { ...scope },
          },
        ],
        'write',
      );
      if (claimed!.rows.length === 1) return { claimed: true };
      const row = stored!.rows[0]!;
      const status = column<number | null>(row, 'status');
      return {
        claimed: false,
        requestHash: column<string>(row, 'request_hash'),
        ...(status === null
          ? {}
          : {
              response: {
                status,
                headers: JSON.parse(column<string>(row, 'headers')) as Record<string, string>,
                body: column<string | null>(row, 'body') ?? undefined,
              },
            }),
      };
    },

    /** Stores the answer of the request that holds the claim. */
    async complete(scope: KeyScope, response: StoredResponse): Promise<void> {
      await db.execute({
        sql: `UPDATE idempotency_keys SET status = :status, headers = :headers, body = :body
              WHERE caller = :caller AND route = :route AND key = :key`,
        args: { ...scope, status: response.status, headers: JSON.stringify(response.headers), body: response.body ?? null },
      });
    },

    /** Gives the key up (the request failed in a way a retry should redo). */
    async release(scope: KeyScope): Promise<void> {
      await db.execute({
        sql: 'DELETE FROM idempotency_keys WHERE caller = :caller AND route = :route AND key = :key AND status IS NULL',
        args: { ...scope },
      });
    },

    async prune(nowMs: number): Promise<void> {
      await db.execute({ sql: 'DELETE FROM idempotency_keys WHERE expires_at_ms <= ?', args: [nowMs] });
    },
  };
}

export type IdempotencyRepository = ReturnType<typeof createIdempotencyRepository>;
