import type { Client } from '@libsql/client';
import { createIdempotencyRepository } from '../../../lib/repositories/idempotencyRepository';
import { createMemoryDatabase } from '../../support/database';

// Idempotency keys shared by every instance: claimed once, answered, given up when a retry should redo the work,
// and pruned when they expire.
describe('the idempotency key store', () => {
  let db: Client;
  let keys: ReturnType<typeof createIdempotencyRepository>;
  const scope = { caller: 'user:1', route: 'POST /ratings/', key: 'k-1' };
  const claimAt = (nowMs: number, requestHash = 'hash-a') => keys.claim(scope, { requestHash, nowMs, lockMs: 1_000, ttlMs: 60_000 });
  const stored = async () => Number((await db.execute('SELECT count(*) AS n FROM idempotency_keys')).rows[0]?.n);

  beforeEach(async () => {
    db = await createMemoryDatabase();
    keys = createIdempotencyRepository(db);
  });

  it('gives a released key to the next request at once, as if it had never been sent', async () => {
    await claimAt(0);

    await keys.release(scope);

    expect(await claimAt(1)).toEqual({ claimed: true });
  });

  it('releases only its own key, and never one already answered', async () => {
    const other = { ...scope, key: 'k-2' };
    await keys.claim(other, { requestHash: 'hash-a', nowMs: 0, lockMs: 1_000, ttlMs: 60_000 });
    await claimAt(0);
    await keys.complete(scope, { status: 201, headers: {}, body: '{}' });

    await keys.release(scope);
    await keys.release({ ...scope, caller: 'user:2' });

    expect(await claimAt(1)).toMatchObject({ claimed: false, response: { status: 201 } });
    expect(await keys.claim(other, { requestHash: 'hash-a', nowMs: 1, lockMs: 1_000, ttlMs: 60_000 })).toEqual({
      claimed: false,
      requestHash: 'hash-a',
    });
  });

  it('prunes the keys expired at the time given, keeping the rest', async () => {
    await claimAt(0); // expires at 60,000
    await keys.claim({ ...scope, key: 'k-later' }, { requestHash: 'h', nowMs: 30_000, lockMs: 1_000, ttlMs: 60_000 }); // at 90,000

    await keys.prune(59_999);
    expect(await stored()).toBe(2);

    await keys.prune(60_000);
    expect(await stored()).toBe(1);
    expect(await claimAt(60_001)).toEqual({ claimed: true });
  });
});
