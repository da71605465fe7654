import type { Client } from '@libsql/client';

/** The calls that each cost one round trip to a remote libSQL server (a batch is one pipeline). */
const ROUND_TRIP_METHODS = new Set(['execute', 'batch', 'executeMultiple', 'transaction', 'migrate']);

export interface RoundTripCounter {
  /** Use this client in place of the database: it behaves the same and counts. */
  client: Client;
  /** Round trips made since the last reset: each execute, batch, executeMultiple or transaction is one. */
  readonly calls: number;
  /**
   * Round trips on the critical path: the longest chain of calls each waiting for the one before. Calls issued
   * while others are still in flight travel together; a call issued only once another answered starts a new round.
   */
  readonly rounds: number;
  /** What was sent, one entry per round trip, for failure messages. */
  readonly log: string[];
  reset(): void;
}

/**
 * A libSQL client that counts the round trips a deployed function would make to Turso or a libSQL server. Each
 * call is held until no new call has come for `settleMs`, then every held call proceeds together: one round. A
 * call that needs another's answer can only be issued after it, so it always lands in a later round; nothing is
 * timed or asserted about time, the wait only lets calls that do not depend on each other gather.
 */
export function countRoundTrips(db: Client, { settleMs = 60 } = {}): RoundTripCounter {
  let calls = 0;
  let rounds = 0;
  let log: string[] = [];
  let held: (() => void)[] = [];
  let timer: NodeJS.Timeout | undefined;
  const releaseRound = () => {
    timer = undefined;
    if (held.length === 0) return;
    rounds++;
    const go = held;
    held = [];
    go.forEach((proceed) => proceed());
  };
  const nextRound = () =>
    new Promise<void>((resolve) => {
      held.push(resolve);
      clearTimeout(timer);
      timer = setTimeout(releaseRound, settleMs);
    });
  const describe = (method: string, args: unknown[]) => {
    const first = args[0];
    const sql = (statement: unknown) => (typeof statement === 'string' ? statement : ((statement as { sql?: string })?.sql ?? ''));
    const text = Array.isArray(first) ? first.map(sql).join(' ; ') : sql(first);
    return `${method}: ${text.replace(/\s+/g, ' ').slice(0, 160)}`;
  };
  const client = new Proxy(db, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (typeof property === 'string' && ROUND_TRIP_METHODS.has(property)) {
        return async (...args: unknown[]) => {
          calls++;
          log.push(describe(property, args));
          await nextRound();
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
  return {
    client,
    get calls() {
      return calls;
    },
    get rounds() {
      return rounds;
    },
    get log() {
      return log;
    },
    reset() {
      calls = 0;
      rounds = 0;
      log = [];
    },
  };
}
