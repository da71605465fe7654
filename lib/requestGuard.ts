import { AsyncLocalStorage } from 'node:async_hooks';
import type { Client, InArgs, InStatement, ResultSet, TransactionMode } from '@libsql/client';
import { clientWith } from './db/clientWith';
import type { RateLimitDecision } from './schemas/rateLimits';

/**
 * The request guard: what a request being served asks of its database calls, in one place.
 *
 * A signed-in request must prove its sign-in live, and a write request must pay its write-limit count, without a
 * round trip of its own for either: both are statements that lead the request's own database call, in the same
 * transaction, so a failing guard or a refused charge rolls the request's work back with it. The HTTP stack says
 * what leads (guardSignIn after authentication, chargeFirstWrite around the handler); the container's client
 * (guardedClient) puts it at the head of the next call, `[guard?, charge?, ...the call's own statements]`, and hands
 * the call only its own results. Nothing else in lib/ keeps per-request state.
 *
 * serverless-offline serves concurrent requests of one function in one process, so the state follows each request's
 * own async work (AsyncLocalStorage), not a global.
 */

/** A statement that leads a request's database call: the sign-in's guard, or a write's charge. */
export interface LeadingStatement {
  readonly statement: InStatement;
  /** Its result, once the call it led has committed. */
  accepted(result: ResultSet): void;
  /**
   * What to throw instead of `error` when the call it led (as its statement `at`) failed because of it; undefined when
   * the failure was not its own.
   */
  refusal(error: unknown, at: number): Promise<Error | undefined>;
}

/**
 * A hit of a capped rate limit (the per-client write limit, the LLM budget): counted by its statement, carried by the
 * work it pays for or counted alone. Past the cap the statement fails, so a refused hit counts for nothing.
 */
export interface CappedHit {
  readonly statement: InStatement;
  /** Where the client stands once the hit was counted or refused; undefined before. */
  readonly decision: RateLimitDecision | undefined;
  /** Reads the result of the statement, committed with the work. */
  carried(result: ResultSet): RateLimitDecision;
  /**
   * The refusal, when a call carrying the hit as its statement `at` failed because the limit was reached; undefined for
   * any other failure.
   */
  refusal(error: unknown, at: number): Promise<RateLimitDecision | undefined>;
  /** Counts the hit on its own, for a request that made no write. */
  countAlone(): Promise<RateLimitDecision>;
}

interface RequestState {
  readonly requestId: string;
  /** Leads every call until one has confirmed the sign-in live. */
  signIn?: LeadingStatement;
  /** Leads the next write only. */
  charge?: LeadingStatement;
}

const requests = new AsyncLocalStorage<RequestState>();

/** Serves `work` as the request `requestId`: every call it makes, and every line it logs, belongs to that request. */
export const serveRequest = <T>(requestId: string, work: () => T): T => requests.run({ requestId }, work);

/** The id of the request being served, for its log lines and its 5xx body. */
export const currentRequestId = (): string | undefined => requests.getStore()?.requestId;

function servedRequest(what: string): RequestState {
  const state = requests.getStore();
  if (!state) throw new Error(`${what} belongs to a request being served`);
  return state;
}

/** The caller's sign-in is to be confirmed live by the request's next database call (and each after it, until one has). */
export function guardSignIn(guard: LeadingStatement): void {
  servedRequest('a sign-in guard').signIn = guard;
}

/**
 * Runs `work` (the route's handler) so that its first write pays `charge`, riding at the head of that write, once. A
 * charge no write took is dropped when the work ends: what the stack does next (counting the hit alone) owes nothing.
 */
export async function chargeFirstWrite<T>(charge: LeadingStatement, work: () => Promise<T>): Promise<T> {
  const state = servedRequest('a write charge');
  state.charge = charge;
  try {
    return await work();
  } finally {
    state.charge = undefined;
  }
}

const READ = /^\s*(SELECT|EXPLAIN|PRAGMA)\b/i;

type BatchItem = InStatement | [string, InArgs?];

/**
 * A refusal (a 401, a 429) surfaces from inside whichever repository's call the guard led, far from where it was
 * decided: it names the statement that refused it and keeps the database's own error as its cause.
 */
const refusedBy = (refused: Error, statement: InStatement, error: unknown): Error =>
  Object.assign(refused, { refusedBy: statement, cause: refused.cause ?? error });

/**
 * A failed batch's error as the call that sent it knows its statements: the leaders it never saw are not counted
 * (one that failed without refusing leaves a negative index, before the call's own), so a statement that refuses
 * by failing (a capped hit counted alone) is told by its own place whether or not the call was led.
 */
function numberedAsSent(error: unknown, leaders: number): unknown {
  const failed = error as { statementIndex?: unknown } | null;
  if (typeof failed?.statementIndex === 'number') failed.statementIndex -= leaders;
  return error;
}

/**
 * Runs a call's statements led by what the request owes: the sign-in guard while unconfirmed, and, for a write, the
 * charge (handed out once). A call that owes nothing goes out as it came.
 */
async function call(client: Client, statements: BatchItem[], mode: TransactionMode | undefined, writes: boolean): Promise<ResultSet[]> {
  const state = requests.getStore();
  const charge = writes ? state?.charge : undefined;
  if (state && charge) state.charge = undefined;
  const signIn = state?.signIn;
  const leaders = [signIn, charge].filter((leader): leader is LeadingStatement => leader !== undefined);
  if (leaders.length === 0) return client.batch(statements, mode);
  let results: ResultSet[];
  try {
    // 'deferred' when only the guard leads: the call may write, and the guard failing first leaves it unrun.
    results = await client.batch([...leaders.map((leader) => leader.statement), ...statements], charge ? 'write' : (mode ?? 'deferred'));
  } catch (error) {
    for (const [at, leader] of leaders.entries()) {
      const refused = await leader.refusal(error, at);
      if (refused) throw refusedBy(refused, leader.statement, error);
    }
    throw numberedAsSent(error, leaders.length);
  }
  leaders.forEach((leader, index) => leader.accepted(results[index]!));
  if (signIn && state.signIn === signIn) state.signIn = undefined;
  return results.slice(leaders.length);
}

/**
 * The client every repository reads and writes through: each call carries what the request being served owes
 * (above). Outside a request, or once nothing is owed, it is the client as it is.
 */
export function guardedClient(client: Client): Client {
  const execute = async (statement: InStatement | string, args?: InArgs): Promise<ResultSet> => {
    const whole: InStatement = typeof statement === 'string' ? { sql: statement, args: args ?? [] } : statement;
    const state = requests.getStore();
    if (!state?.signIn && !state?.charge) return client.execute(whole);
    return (await call(client, [whole], undefined, !READ.test(whole.sql)))[0]!;
  };
  const batch = (statements: BatchItem[], mode?: TransactionMode) => call(client, statements, mode, mode !== 'read');
  return clientWith(client, { execute, batch } as Partial<Client>);
}

/**
 * Confirms the request's sign-in if no call has yet: one round trip of its own, only for a request that made no
 * database call (or failed before making one), so that nothing leaves a revoked sign-in but its 401.
 */
export async function confirmSignIn(client: Client): Promise<void> {
  if (requests.getStore()?.signIn) await call(client, [], 'read', false);
}
