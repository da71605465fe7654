import type { ConnectionPool } from '@libsql/client/sqlite3';
import type Database from 'libsql';

/** How many statements a connection keeps: every fixed statement of the API with room to spare, never unbounded. */
export const KEPT_STATEMENTS = 500;

type Connection = Database.Database;
type Statement = ReturnType<Connection['prepare']>;

/**
 * One of our local connections, keeping the statements it prepares, most recently used first. libsql's driver prepares
 * a statement on every call and @libsql/client asks for one on every execute: on a warm getMovie that was a third of
 * its CPU, where SQLite's own statements are made to be reused. Reuse is safe here: @libsql/client runs each statement
 * to its end synchronously (no two uses overlap), sets its modes (raw, safe integers) before each run, and the driver
 * resets and rebinds a statement on each run and prepares it again itself when the schema under it changes. It offers
 * what @libsql/client uses of a connection, and hands everything but `prepare` to the driver's.
 */
class StatementKeepingConnection {
  readonly #statements = new Map<string, Statement>();

  constructor(readonly connection: Connection) {}

  prepare(sql: string): Statement {
    const statements = this.#statements;
    const statement = statements.get(sql);
    if (statement) {
      // Map keeps insertion order: moved to the end, the least recently used is always the first.
      statements.delete(sql);
      statements.set(sql, statement);
      return statement;
    }
    const prepared = this.connection.prepare(sql);
    statements.set(sql, prepared);
    if (statements.size > KEPT_STATEMENTS) statements.delete(statements.keys().next().value!);
    return prepared;
  }

  exec(sql: string) {
    return this.connection.exec(sql);
  }

  sync() {
    return this.connection.sync();
  }

  close() {
    this.#statements.clear();
    return this.connection.close();
  }

  get open(): boolean {
    return this.connection.open;
  }

  get inTransaction(): boolean {
    return this.connection.inTransaction;
  }
}

/**
 * The connection pool a local client is given (`new Sqlite3Client(pool, …)`): the driver's own pool, each connection it
 * lends handed out as one that keeps its statements, and taken back as the driver's. An owned wrapper, so that nothing
 * of libsql changes for any other connection of the process.
 */
export function poolKeepingStatements(pool: ConnectionPool): ConnectionPool {
  const kept = new WeakMap<Connection, StatementKeepingConnection>();
  const keeping = (connection: Connection): Connection => {
    let keeper = kept.get(connection);
    if (!keeper) kept.set(connection, (keeper = new StatementKeepingConnection(connection)));
    return keeper as unknown as Connection;
  };
  const driverOf = (connection: Connection): Connection =>
    connection instanceof StatementKeepingConnection ? connection.connection : connection;
  const wrapper: Pick<ConnectionPool, 'acquire' | 'acquireSync' | 'release' | 'close' | 'reopen'> = {
    acquire: async (forTransaction) => keeping(await pool.acquire(forTransaction)),
    acquireSync: (forTransaction) => keeping(pool.acquireSync(forTransaction)),
    release: (connection) => pool.release(driverOf(connection)),
    close: () => pool.close(),
    reopen: () => pool.reopen(),
  };
  // ConnectionPool's type carries private fields, so no other object matches it; @libsql/client calls only these five.
  return wrapper as ConnectionPool;
}
