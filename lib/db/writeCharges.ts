import { AsyncLocalStorage } from 'node:async_hooks';
import type { Client, InArgs, InStatement, ResultSet, TransactionMode } from '@libsql/client';
import { clientWith } from './clientWith';

/**
 * A statement that must run in the same transaction as a piece of work and before it, such as the count of a
 * per-client write limit: riding on the work's own batch, it costs no round trip of its own, and when it fails
 * (the limit is reached) the work rolls back with it.
 */
export interface WriteCharge {
  readonly statement: InStatement;
  /** Its result, once the batch it rode on is committed. */
  carried(result: ResultSet): void;
  /** What to throw when the batch it rode on failed: its own refusal, or the work's error as it came. */
  failed(error: unknown): Promise<unknown>;
}

const pending = new AsyncLocalStorage<{ charge?: WriteCharge }>();

/** Runs `work` so that the first write it makes to a client wrapped by carryWriteCharges carries `charge`. */
export function withWriteCharge<T>(charge: WriteCharge | undefined, work: () => Promise<T>): Promise<T> {
  return charge ? pending.run({ charge }, work) : work();
}

/** The charge the current work still owes, handed out once. */
function takeCharge(): WriteCharge | undefined {
  const store = pending.getStore();
  const charge = store?.charge;
  if (store) store.charge = undefined;
  return charge;
}

const READ = /^\s*(SELECT|EXPLAIN|PRAGMA)\b/i;
const sqlOf = (statement: InStatement) => (typeof statement === 'string' ? statement : statement.sql);

type BatchItem = InStatement | [string, InArgs?];

async function carrying(client: Client, charge: WriteCharge, statements: BatchItem[]): Promise<ResultSet[]> {
  try {
    const [own, ...rest] = await client.batch([charge.statement, ...statements], 'write');
    charge.carried(own!);
    return rest;
  } catch (error) {
    throw await charge.failed(error);
  }
}

/**
 * The client every repository writes through: a write made inside withWriteCharge (a batch not in 'read' mode, or
 * a single statement that is not a read) goes out as one write batch led by the charge. Reads, and work with no
 * charge, pass through untouched.
 */
export function carryWriteCharges(client: Client): Client {
  const batch = (statements: BatchItem[], mode?: TransactionMode): Promise<ResultSet[]> => {
    const charge = mode === 'read' ? undefined : takeCharge();
    return charge ? carrying(client, charge, statements) : client.batch(statements, mode);
  };
  const execute = async (statement: InStatement | string, args?: InArgs): Promise<ResultSet> => {
    const whole: InStatement = typeof statement === 'string' ? { sql: statement, args } : statement;
    const charge = READ.test(sqlOf(whole)) ? undefined : takeCharge();
    return charge ? (await carrying(client, charge, [whole]))[0]! : client.execute(whole);
  };
  return clientWith(client, { batch, execute } as Partial<Client>);
}
