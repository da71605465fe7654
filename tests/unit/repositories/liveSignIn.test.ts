import type { Client } from '@libsql/client';
import { Unauthorized } from '../../../lib/errors';
import { createLiveSignInClient } from '../../../lib/repositories/liveSignIn';
import { createSessionsRepository } from '../../../lib/repositories/sessionsRepository';
import { confirmSignInWithNextQuery, withRequestId } from '../../../lib/requestScope';
import { createMemoryDatabase } from '../../support/database';

// In a signed-in request the first database call carries the sign-in's liveness check (no round trip of its own);
// outside one, or once confirmed, calls pass through as they are.
describe('the client that confirms a request’s sign-in in passing', () => {
  let db: Client;
  let live: ReturnType<typeof createLiveSignInClient>;
  let userId: number;

  beforeEach(async () => {
    db = await createMemoryDatabase();
    live = createLiveSignInClient(db);
    userId = Number((await db.execute("INSERT INTO users (email, password_hash) VALUES ('a@example.com', 'x') RETURNING id")).rows[0]?.id);
    await createSessionsRepository(db).start({ id: 'sid-1', userId, refreshJti: 'r-1', refreshExpiresAt: 4_000_000_000 });
  });

  const signedIn = <T>(sessionId: string, work: () => Promise<T>) =>
    withRequestId('req-1', () => {
      confirmSignInWithNextQuery({ sessionId, userId, role: 'basic' });
      return work();
    });

  it('runs a statement given as text with its arguments, after confirming the sign-in', async () => {
    const result = await signedIn('sid-1', () => live.client.execute('SELECT ? AS echoed', [42]));

    expect(result.rows[0]?.echoed).toBe(42);
  });

  it('refuses a statement given as text when the sign-in has ended, and runs none of it', async () => {
    await db.execute("UPDATE sessions SET revoked_at = 'now' WHERE id = 'sid-1'");

    const work = signedIn('sid-1', () => live.client.execute("INSERT INTO movies (title, genres) VALUES ('Kept out', '[]')"));

    await expect(work).rejects.toBeInstanceOf(Unauthorized);
    expect((await db.execute('SELECT count(*) AS n FROM movies')).rows[0]?.n).toBe(0);
  });

  it('rolls back a batch given without a mode when the sign-in has ended', async () => {
    await db.execute("UPDATE sessions SET revoked_at = 'now' WHERE id = 'sid-1'");

    const work = signedIn('sid-1', () =>
      live.client.batch([{ sql: "INSERT INTO movies (title, genres) VALUES ('Kept out', '[]')", args: [] }]),
    );

    await expect(work).rejects.toBeInstanceOf(Unauthorized);
    expect((await db.execute('SELECT count(*) AS n FROM movies')).rows[0]?.n).toBe(0);
  });

  it('runs a batch given without a mode, writes included, for a live sign-in', async () => {
    const [inserted] = await signedIn('sid-1', () =>
      live.client.batch([{ sql: "INSERT INTO movies (title, genres) VALUES ('Let in', '[]') RETURNING title", args: [] }]),
    );

    expect(inserted?.rows[0]?.title).toBe('Let in');
  });

  it('passes a statement given as text with its arguments straight through outside a signed-in request', async () => {
    const result = await live.client.execute('SELECT ? AS echoed', ['plain']);

    expect(result.rows[0]?.echoed).toBe('plain');
  });

  it("passes the client's other methods and properties through, bound to the client", async () => {
    const { executeMultiple, closed } = live.client;

    await executeMultiple("INSERT INTO movies (title, genres) VALUES ('Via executeMultiple', '[]')");

    expect(closed).toBe(false);
    expect((await db.execute('SELECT count(*) AS n FROM movies')).rows[0]?.n).toBe(1);
  });
});
