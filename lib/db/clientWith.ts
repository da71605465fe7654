import type { Client, InArgs, InStatement, ResultSet, TransactionMode } from '@libsql/client';

type Replaced = Partial<Pick<Client, 'batch' | 'execute'>>;

/**
 * A client whose execute and batch may be our own (a write charge or a sign-in check riding on each call, a retry, a
 * counter), every other call handed to the client it wraps. An owned object with a method for each call, so a
 * debugger steps from the caller into the replacement, and a call this does not know of does not compile.
 */
class ClientWith implements Client {
  readonly #client: Client;
  readonly #replaced: Replaced;

  constructor(client: Client, replaced: Replaced) {
    this.#client = client;
    this.#replaced = replaced;
  }

  execute(statement: InStatement): Promise<ResultSet>;
  execute(sql: string, args?: InArgs): Promise<ResultSet>;
  execute(statement: InStatement | string, args?: InArgs): Promise<ResultSet> {
    const execute = this.#replaced.execute ?? this.#client.execute.bind(this.#client);
    return typeof statement === 'string' ? execute(statement, args) : execute(statement);
  }
  batch(statements: Array<InStatement | [string, InArgs?]>, mode?: TransactionMode): Promise<ResultSet[]> {
    return this.#replaced.batch ? this.#replaced.batch(statements, mode) : this.#client.batch(statements, mode);
  }
  migrate(statements: InStatement[]): ReturnType<Client['migrate']> {
    return this.#client.migrate(statements);
  }
  transaction(mode?: TransactionMode): ReturnType<Client['transaction']> {
    return this.#client.transaction(mode);
  }
  executeMultiple(sql: string): Promise<void> {
    return this.#client.executeMultiple(sql);
  }
  sync(): ReturnType<Client['sync']> {
    return this.#client.sync();
  }
  close(): void {
    this.#client.close();
  }
  reconnect(): void {
    this.#client.reconnect();
  }
  get closed(): boolean {
    return this.#client.closed;
  }
  get protocol(): string {
    return this.#client.protocol;
  }
}

/** The client with its execute or batch (or both) replaced; see ClientWith. */
export const clientWith = (client: Client, replaced: Replaced): Client => new ClientWith(client, replaced);
