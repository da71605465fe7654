import type { Client, InStatement, TransactionMode } from '@libsql/client';
import { clientWith } from '../db/clientWith';
import { INVALID_TOKEN, Unauthorized } from '../errors';
import { unconfirmedSignIn, type SignInToConfirm } from '../requestScope';
import { liveSignInGuard, SIGN_IN_NOT_LIVE } from './sessionsRepository';

const failedGuard = (error: unknown): boolean => error instanceof Error && error.message.includes(SIGN_IN_NOT_LIVE);

/**
 * A client whose first call in a request carries that request's sign-in check (lib/requestScope), so a signed-in
 * request costs no round trip of its own to the database: the guard runs first in the same batch, and a write
 * batch it fails in is rolled back whole. Until a call has confirmed the sign-in, each call carries it.
 */
export function createLiveSignInClient(db: Client) {
  async function carried<T>(
    signIn: SignInToConfirm & { confirmed: boolean },
    statements: InStatement[],
    mode: TransactionMode,
    pick: (results: Awaited<ReturnType<Client['batch']>>) => T,
  ): Promise<T> {
    let results;
    try {
      results = await db.batch([liveSignInGuard(signIn.sessionId, signIn.userId, signIn.role), ...statements], mode);
    } catch (error) {
      if (failedGuard(error)) throw new Unauthorized(INVALID_TOKEN);
      throw error;
    }
    signIn.confirmed = true;
    return pick(results.slice(1));
  }

  const client = clientWith(db, {
    execute: (statement: InStatement | string, args?: unknown) => {
      const signIn = unconfirmedSignIn();
      if (!signIn) return db.execute(statement as string, args as never);
      const full = typeof statement === 'string' ? { sql: statement, args: (args ?? []) as never } : statement;
      // 'deferred': the statement may write; the guard failing first leaves it unrun.
      return carried(signIn, [full], 'deferred', ([result]) => result!);
    },
    batch: (statements: InStatement[], mode?: TransactionMode) => {
      const signIn = unconfirmedSignIn();
      if (!signIn) return db.batch(statements, mode);
      // Stryker disable next-line LogicalOperator: equivalent: libSQL's own default mode is 'deferred' too
      return carried(signIn, statements, mode ?? 'deferred', (results) => results);
    },
  } as Partial<Client>);

  return {
    client,
    /** Confirms the request's sign-in if no call has yet: one round trip, only for a route that made none. */
    async confirm(): Promise<void> {
      const signIn = unconfirmedSignIn();
      if (signIn) await carried(signIn, [], 'read', () => undefined);
    },
  };
}
