import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client } from '@libsql/client';
import { DEFAULT_DATABASE_TIMEOUT_MS, getConfig, isLocalDatabase } from '../config';
import { getLogger, type AppLogger } from '../logger';
import { boundedFetch } from './boundedFetch';
import { migrate } from './migrate';
import { retryWhileBusy } from './retryWhileBusy';
import { poolKeepingStatements } from './preparedStatements';

export interface DatabaseOptions {
  url: string;
  authToken?: string;
  /** How long one request to a libSQL server may take (DATABASE_TIMEOUT_MS); unused by a local database. */
  timeoutMs?: number;
  /** Where a server's outage is logged, once when it starts and once when it ends. */
  logger?: Pick<AppLogger, 'warn' | 'info'>;
}

/** How long a local writer waits for the file lock before SQLITE_BUSY; concurrent workers share one file. */
const BUSY_TIMEOUT_MS = 10_000;

function localFilePath(url: string): string | undefined {
  if (!url.startsWith('file:')) return undefined;
  const path = url.startsWith('file://') ? fileURLToPath(url) : url.slice('file:'.length).split('?')[0];
  // '' and ':memory:' taken for files would only get mkdir('.') and pragmas an in-memory database has no use for.
  // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: equivalent, see above
  return path === '' || path === ':memory:' ? undefined : path;
}

/** ws:// and wss:// URLs: a libSQL server over WebSocket, which only a local run may use (lib/config.ts). */
const isWebSocketUrl = (url: string) => url.startsWith('ws:') || url.startsWith('wss:');

/**
 * A libSQL client for the URL. Server URLs (libsql://, https://, http://) get the HTTP client of @libsql/client/http,
 * which needs no native code and no WebSocket library; a ws:// URL (a local run only: deployed, lib/config.ts refuses
 * it) gets @libsql/client/ws, loaded then from node_modules. Only file: and :memory: databases load the native driver,
 * and only when first opened, so a deployed bundle runs without the linux binary. The bundles carry no WebSocket client
 * (serverless.yml leaves it out).
 */
export async function createLibsqlClient({ url, authToken, timeoutMs, logger }: DatabaseOptions): Promise<Client> {
  if (!isLocalDatabase(url)) {
    const { createClient } = isWebSocketUrl(url) ? await import('@libsql/client/ws') : await import('@libsql/client/http');
    const fetch = boundedFetch({ database: url, timeoutMs: timeoutMs ?? DEFAULT_DATABASE_TIMEOUT_MS, logger });
    // sqld answers SQLITE_BUSY to a writer that waited about 0.1 s for its lock, where a local file waits 10 s.
    return retryWhileBusy(createClient({ url, authToken, intMode: 'number', fetch }));
  }
  const filePath = localFilePath(url);
  if (filePath) mkdirSync(dirname(filePath), { recursive: true });
  // The sqlite3 entry is the native driver alone; the package's main entry would also load its HTTP and WebSocket
  // clients on every cold start, for nothing. Loading libsql reads a diagnostic report of the process to pick its native
  // build (about 25 ms of a local cold start on the loaded machine, network interfaces included); deployed functions
  // never load it, and a local run may leave the interfaces out with node --report-exclude-network.
  const { ConnectionPool, Sqlite3Client } = await import('@libsql/client/sqlite3');
  // One connection per client: every write here is a single synchronous batch, so more connections would add nothing
  // but pragmas to keep in step (and an in-memory database has only one). Its statements are kept (preparedStatements.ts).
  const pool = new ConnectionPool(filePath ?? ':memory:', { timeout: BUSY_TIMEOUT_MS }, 1);
  return new Sqlite3Client(poolKeepingStatements(pool), 'number');
}

/**
 * Opens a libSQL database: an embedded file (its folder created on demand, in WAL mode so readers never
 * wait for writers), ":memory:" for tests, or a libSQL server / Turso URL.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Client> {
  const db = await createLibsqlClient(options);
  // In WAL mode synchronous = NORMAL never corrupts the database; it only lets a power cut lose the latest commits,
  // and spares every write (each rating, each counted request) an fsync. One call for the three, on a cold start.
  if (localFilePath(options.url))
    await db.executeMultiple('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;');
  else await db.execute('PRAGMA foreign_keys = ON');
  return db;
}

/** A migrated database, ready for queries. */
export async function openMigratedDatabase(options: DatabaseOptions): Promise<Client> {
  const db = await openDatabase(options);
  await migrate(db);
  return db;
}

let containerDatabase: Promise<Client> | undefined;

/** The database of this Lambda container: opened and migrated once, then reused by warm invocations. */
export function getDb(): Promise<Client> {
  containerDatabase ??= openMigratedDatabase({ ...getConfig().database, logger: getLogger() }).catch((error: unknown) => {
    containerDatabase = undefined; // let the next invocation try again instead of caching the failure
    throw error;
  });
  return containerDatabase;
}
