import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Database from 'libsql';
import { listenOnLoopback } from './loopbackServer';

/**
 * A libSQL server on loopback, speaking the protocol a deployed function speaks to Turso or sqld: Hrana 2 over
 * HTTP with JSON (POST /v2/pipeline), which is what @libsql/client/web uses for http:// and libsql:// URLs.
 * It runs every statement on one connection to a local file, in the order requests arrive, so it is exact about
 * values, errors and batches, and simple about streams: a stream's transaction left open at its close is rolled
 * back, as sqld does, but two streams never hold transactions at once (this project opens none across requests).
 */
export interface LibsqlServer {
  /** http://127.0.0.1:<port>, for DATABASE_URL. */
  url: string;
  /** HTTP requests served so far: each one is a round trip a deployed function would wait for. */
  readonly requests: number;
  close(): Promise<void>;
}

export interface LibsqlServerOptions {
  file: string;
  /** When set, requests must carry `Authorization: Bearer <authToken>`, as Turso wants. */
  authToken?: string;
  /** Added before each answer, to stand for the network between a Lambda and its database. */
  delayMs?: number;
}

type HranaValue =
  | { type: 'null' }
  | { type: 'integer'; value: string }
  | { type: 'float'; value: number }
  | { type: 'text'; value: string }
  | { type: 'blob'; base64: string };

interface HranaStmt {
  sql?: string;
  sql_id?: number;
  args?: HranaValue[];
  named_args?: { name: string; value: HranaValue }[];
  want_rows?: boolean;
}

type BatchCond =
  | { type: 'ok' | 'error'; step: number }
  | { type: 'not'; cond: BatchCond }
  | { type: 'and' | 'or'; conds: BatchCond[] }
  | { type: 'is_autocommit' };

type StreamRequest =
  | { type: 'execute'; stmt: HranaStmt }
  | { type: 'batch'; batch: { steps: { condition?: BatchCond | null; stmt: HranaStmt }[] } }
  | { type: 'sequence'; sql?: string; sql_id?: number }
  | { type: 'store_sql'; sql_id: number; sql: string }
  | { type: 'close_sql'; sql_id: number }
  | { type: 'get_autocommit' }
  | { type: 'close' };

interface StmtResult {
  cols: { name: string; decltype: string | null }[];
  rows: HranaValue[][];
  affected_row_count: number;
  last_insert_rowid: string | null;
}

class HranaError extends Error {
  constructor(
    message: string,
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

const toError = (error: unknown) => ({
  message: error instanceof Error ? error.message : String(error),
  code:
    (error as { code?: unknown })?.code && typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : null,
});

function fromHrana(value: HranaValue): unknown {
  switch (value.type) {
    case 'null':
      return null;
    case 'integer':
      return BigInt(value.value);
    case 'float':
      return value.value;
    case 'text':
      return value.value;
    case 'blob':
      return Buffer.from(value.base64, 'base64');
  }
}

function toHrana(value: unknown): HranaValue {
  if (value === null || value === undefined) return { type: 'null' };
  if (typeof value === 'bigint') return { type: 'integer', value: value.toString() };
  if (typeof value === 'number') return { type: 'float', value };
  if (typeof value === 'string') return { type: 'text', value };
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return { type: 'blob', base64: Buffer.from(value).toString('base64') };
  throw new HranaError(`cannot encode a ${typeof value}`);
}

/** One connection's worth of Hrana: statements, batches with their conditions, and scripts. */
function createExecutor(db: Database.Database) {
  const lastChange = db.prepare('SELECT changes(), last_insert_rowid()').raw(true).safeIntegers(true);

  function execute(stmt: HranaStmt, sqls: Map<number, string>): StmtResult {
    const sql = stmt.sql ?? (stmt.sql_id === undefined ? undefined : sqls.get(stmt.sql_id));
    if (sql === undefined) throw new HranaError('the statement has neither sql nor a stored sql_id', 'SQL_NOT_FOUND');
    const prepared = db.prepare(sql).safeIntegers(true);
    const params: unknown[] = (stmt.args ?? []).map(fromHrana);
    if (stmt.named_args?.length) {
      // better-sqlite3's names carry no prefix (:, @, $); @libsql/client sends them as the caller wrote them.
      params.push(Object.fromEntries(stmt.named_args.map(({ name, value }) => [name.replace(/^[:@$]/, ''), fromHrana(value)])));
    }
    let rows: unknown[][] = [];
    let cols: StmtResult['cols'] = [];
    if (prepared.reader) {
      rows = prepared.raw(true).all(...params) as unknown[][];
      cols = prepared.columns().map((column) => ({ name: column.name, decltype: column.type }));
    } else {
      prepared.run(...params);
    }
    const [changes, rowid] = lastChange.get() as [bigint, bigint];
    return {
      cols,
      rows: stmt.want_rows === false ? [] : rows.map((row) => row.map(toHrana)),
      affected_row_count: prepared.readonly ? 0 : Number(changes),
      last_insert_rowid: rowid.toString(),
    };
  }

  function batch(steps: { condition?: BatchCond | null; stmt: HranaStmt }[], sqls: Map<number, string>) {
    const step_results: (StmtResult | null)[] = [];
    const step_errors: (ReturnType<typeof toError> | null)[] = [];
    const holds = (cond: BatchCond): boolean => {
      switch (cond.type) {
        case 'ok':
          return step_results[cond.step] != null;
        case 'error':
          return step_errors[cond.step] != null;
        case 'not':
          return !holds(cond.cond);
        case 'and':
          return cond.conds.every(holds);
        case 'or':
          return cond.conds.some(holds);
        case 'is_autocommit':
          return !db.inTransaction;
      }
    };
    for (const { condition, stmt } of steps) {
      if (condition && !holds(condition)) {
        step_results.push(null);
        step_errors.push(null);
        continue;
      }
      try {
        step_results.push(execute(stmt, sqls));
        step_errors.push(null);
      } catch (error) {
        step_results.push(null);
        step_errors.push(toError(error));
      }
    }
    return { step_results, step_errors };
  }

  return { execute, batch };
}

export async function startLibsqlServer(options: LibsqlServerOptions): Promise<LibsqlServer> {
  const db = new Database(options.file);
  db.pragma('busy_timeout = 10000');
  // As the project's own file databases: in WAL mode, syncing at checkpoints rather than at every commit (a commit's
  // fsync would otherwise hold this server's one thread, and every request behind it, for milliseconds).
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const executor = createExecutor(db);
  /** Statements stored by store_sql, per open stream (its baton). */
  const streams = new Map<string, Map<number, string>>();
  let requests = 0;

  function runPipeline(body: { baton?: string | null; requests: StreamRequest[] }) {
    const sqls = body.baton ? streams.get(body.baton) : new Map<number, string>();
    if (!sqls) throw new HranaError('unknown baton', 'STREAM_EXPIRED');
    if (body.baton) streams.delete(body.baton);
    let closed = false;
    const results = body.requests.map((request) => {
      try {
        switch (request.type) {
          case 'execute':
            return { type: 'ok', response: { type: 'execute', result: executor.execute(request.stmt, sqls) } };
          case 'batch':
            return { type: 'ok', response: { type: 'batch', result: executor.batch(request.batch.steps, sqls) } };
          case 'sequence': {
            const sql = request.sql ?? (request.sql_id === undefined ? undefined : sqls.get(request.sql_id));
            if (sql === undefined) throw new HranaError('the sequence has neither sql nor a stored sql_id', 'SQL_NOT_FOUND');
            db.exec(sql);
            return { type: 'ok', response: { type: 'sequence' } };
          }
          case 'store_sql':
            sqls.set(request.sql_id, request.sql);
            return { type: 'ok', response: { type: 'store_sql' } };
          case 'close_sql':
            sqls.delete(request.sql_id);
            return { type: 'ok', response: { type: 'close_sql' } };
          case 'get_autocommit':
            return { type: 'ok', response: { type: 'get_autocommit', is_autocommit: !db.inTransaction } };
          case 'close':
            closed = true;
            return { type: 'ok', response: { type: 'close' } };
          default:
            throw new HranaError(`unsupported request ${(request as { type: string }).type}`);
        }
      } catch (error) {
        return { type: 'error', error: toError(error) };
      }
    });
    // A stream's connection ends with it: what it left open is rolled back.
    if (closed && db.inTransaction) db.exec('ROLLBACK');
    const baton = closed ? null : randomUUID();
    if (baton) streams.set(baton, sqls);
    return { baton, base_url: null, results };
  }

  const answer = (response: ServerResponse, status: number, body: unknown) => {
    const send = () => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (options.delayMs) setTimeout(send, options.delayMs);
    else send();
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    requests++;
    if (options.authToken && request.headers.authorization !== `Bearer ${options.authToken}`) {
      answer(response, 401, { error: 'Unauthorized' });
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method === 'GET' && (request.url === '/v2' || request.url === '/health')) {
        answer(response, 200, {});
        return;
      }
      if (request.method !== 'POST' || request.url !== '/v2/pipeline') {
        answer(response, 404, { error: `no ${request.method} ${request.url}` });
        return;
      }
      try {
        answer(response, 200, runPipeline(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      } catch (error) {
        answer(response, 400, toError(error));
      }
    });
  });
  const listening = await listenOnLoopback(server);
  return {
    url: listening.origin,
    get requests() {
      return requests;
    },
    close: async () => {
      await listening.close();
      db.close();
    },
  };
}
