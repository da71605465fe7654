import type { Client, InArgs, InStatement, ResultSet, TransactionMode } from '@libsql/client';
import { DatabaseUnavailable } from '../errors';
import type { LeadingStatement, OwedCount, RequestDuties } from '../requestDuties';
import { clientWith } from './clientWith';

type BatchItem = InStatement | [string, InArgs?];

export interface RequestDatabaseOptions {
  /** The request counter's increment this request owes; none outside a request (a script, a test's arranging). */
  count?: OwedCount;
  /**
   * Whether the increment rides in the request's first call (a server over the network: one HTTP request, not two)
   * or is sent beside it at once (a local file, where a round trip costs nothing and a read had better not take the
   * write lock).
   */
  countRides?: boolean;
}

/**
 * A refusal (a 401, a 429) surfaces from inside whichever repository's call carried it, far from where it was
 * decided: it names the statement that refused it and keeps the database's own error as its cause.
 */
const refusedBy = (refused: Error, statement: InStatement, error: unknown): Error =>
  Object.assign(refused, { refusedBy: statement, cause: refused.cause ?? error });

/**
 * A failed batch's error as the call that sent it knows its statements: what the request owed and led with is not
 * counted (a leader that failed without refusing is left a negative index, before the call's own), so a statement that
 * refuses by failing (a capped hit counted alone) is told by its own place whether or not the call was led.
 */
function numberedAsSent(error: unknown, leading: number): unknown {
  const failed = error as { statementIndex?: unknown } | null;
  if (typeof failed?.statementIndex === 'number') failed.statementIndex -= leading;
  return error;
}

/**
 * One request's database: the client its repositories call, built for that request (lib/container.ts:forRequest), and
 * what the request owes, paid by its own calls in the same transaction, `[guard?, increment?, charge?, ...the call's
 * own statements]`, each call handed only its own results:
 *
 * - the sign-in's guard (guardSignIn) leads every call until one has confirmed it;
 * - the request counter's increment leads the first call of any kind, when it rides (over the network); a call that
 *   fails rolls it back, and settleCount sends it alone, so every request is counted once;
 * - the write charge (chargeFirstWrite) leads the first write the handler makes.
 *
 * Whether a call writes is declared by its caller: `batch(statements, 'write')` (or 'deferred', or no mode) writes,
 * `batch(statements, 'read')` and `execute` read. A failing guard or a refused charge rolls the call back with it.
 */
export class RequestDatabase implements RequestDuties {
  /** The client the request's repositories are given: its execute and batch are this object's. */
  readonly client: Client;
  readonly #raw: Client;
  #signIn: LeadingStatement | undefined;
  #charge: LeadingStatement | undefined;
  #count: OwedCount | undefined;
  /** The increment, once sent: awaited by settleCount. */
  #counted: Promise<void> | undefined;

  constructor(raw: Client, { count, countRides = false }: RequestDatabaseOptions = {}) {
    this.#raw = raw;
    this.client = clientWith(raw, {
      execute: ((statement: InStatement | string, args?: InArgs) => this.execute(statement, args)) as Client['execute'],
      batch: (statements, mode) => this.batch(statements, mode),
    });
    if (count && !countRides) this.#counted = count.track(raw.execute(count.statement));
    else this.#count = count;
  }

  guardSignIn(guard: LeadingStatement): void {
    this.#signIn = guard;
  }

  async chargeFirstWrite<T>(charge: LeadingStatement, work: () => Promise<T>): Promise<T> {
    this.#charge = charge;
    try {
      return await work();
    } finally {
      // A charge no write took is dropped: what the stack does next (counting the hit alone) owes nothing.
      this.#charge = undefined;
    }
  }

  async confirmSignIn(): Promise<void> {
    if (this.#signIn) await this.#call([], 'read', false);
  }

  async settleCount(): Promise<void> {
    // Until nothing is owed: a call still in flight that carried the increment may fail meanwhile and owe it again.
    do {
      const count = this.#count;
      if (count) {
        this.#count = undefined;
        this.#counted = count.track(this.#raw.execute(count.statement));
      }
      await this.#counted;
    } while (this.#count);
  }

  /** A read, unless it carries what the request owes. */
  execute(statement: InStatement | string, args?: InArgs): Promise<ResultSet> {
    const whole: InStatement = typeof statement === 'string' ? { sql: statement, args: args ?? [] } : statement;
    if (!this.#signIn && !this.#count) return this.#raw.execute(whole);
    return this.#call([whole], undefined, false).then((results) => results[0]!);
  }

  /** A write unless its mode is 'read'. */
  batch(statements: BatchItem[], mode?: TransactionMode): Promise<ResultSet[]> {
    return this.#call(statements, mode, mode !== 'read');
  }

  async #call(statements: BatchItem[], mode: TransactionMode | undefined, writes: boolean): Promise<ResultSet[]> {
    const signIn = this.#signIn;
    const count = this.#count;
    const charge = writes ? this.#charge : undefined;
    if (!signIn && !charge && !count) return this.#raw.batch(statements, mode);
    this.#count = undefined;
    if (charge) this.#charge = undefined;
    const leading = [...(signIn ? [signIn.statement] : []), ...(count ? [count.statement] : []), ...(charge ? [charge.statement] : [])];
    const chargeAt = leading.length - 1;
    // A call that carries a write (the increment, the charge) is a write; one led by the guard alone may still write,
    // and 'deferred' runs it either way, the guard failing first leaving it unrun.
    const carriedMode: TransactionMode = count || charge ? 'write' : (mode ?? 'deferred');
    const sent = this.#raw.batch([...leading, ...statements], carriedMode);
    if (count) this.#counted = count.track(sent.catch(() => undefined));
    let results: ResultSet[];
    try {
      results = await sent;
    } catch (error) {
      // The increment rolled back with the call: it is owed again, and settleCount sends it alone. Not when the
      // database did not answer: it is lost with the call, as any write the outage refused, rather than keeping the
      // caller waiting a second bound for its 503.
      if (count && !(error instanceof DatabaseUnavailable)) {
        this.#count = count;
        this.#counted = undefined;
      }
      // Each leader is told its own place in the batch, by which a failure is told to be its refusal.
      for (const [leader, at] of [
        [signIn, 0],
        [charge, chargeAt],
      ] as const) {
        const refused = leader && (await leader.refusal(error, at));
        if (refused) throw refusedBy(refused, leader.statement, error);
      }
      throw numberedAsSent(error, leading.length);
    }
    if (signIn) signIn.accepted(results[0]!);
    if (charge) charge.accepted(results[chargeAt]!);
    if (signIn && this.#signIn === signIn) this.#signIn = undefined;
    return results.slice(leading.length);
  }
}
