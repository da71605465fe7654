import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { findProjectRoot, freePort, waitUntilHealthy } from '../../harness/offlineApi';

/** `npm start` as a reader runs it, on free loopback ports; its process group is npm's own pid. */
export interface NpmStart {
  baseUrl: string;
  port: number;
  /** npm's pid, which is also the process group of everything it started. */
  pid: number;
  /** Resolves once it answers /health/. */
  healthy: Promise<void>;
  /** What it printed, the last 8,000 characters, for a failure message. */
  output(): string;
  /** Ends whatever of the tree is left, at once (SIGKILL to the group), and waits for npm to be gone. */
  kill(): Promise<void>;
}

export interface NpmStartOptions {
  databaseUrl: string;
  env?: Record<string, string>;
  startTimeoutMs?: number;
}

/** Whether any process of the group `pgid` is left. */
export function processGroupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

/** The processes of the group `pgid`, as `ps` shows them: a readable list for a failure message. */
export function processesOfGroup(pgid: number): string[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,args=', '-g', String(pgid)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
  } catch {
    return []; // ps answers 1 when the group is empty
  }
}

/** Whether a server can listen on the loopback port right now. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Polls `done` until it holds or the deadline passes; the caller then asserts what it needs. */
export async function waitUntil(done: () => boolean, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
}

/**
 * Runs `npm start` in the project, as the README says. Resolves once it is spawned, so a test can always end it;
 * `healthy` resolves once it answers /health/ (and ends it, rejecting, if it exits or does not answer in time).
 */
export async function launchNpmStart(options: NpmStartOptions): Promise<NpmStart> {
  const [port, lambdaPort] = [await freePort(), await freePort()];
  const child = spawn('npm', ['start'], {
    cwd: findProjectRoot(),
    detached: true, // a process group of its own, so a test can see (and end) all of it
    env: {
      ...process.env,
      PORT: String(port),
      LAMBDA_PORT: String(lambdaPort),
      DATABASE_URL: options.databaseUrl,
      LOG_LEVEL: 'SILENT',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const record = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout.on('data', record);
  child.stderr.on('data', record);
  let exitReason: string | undefined;
  child.on('exit', (code, signal) => {
    exitReason = `code ${code} signal ${signal}\n${output}`;
  });
  const pid = child.pid ?? 0;
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const kill = async () => {
    if (pid && processGroupAlive(pid)) process.kill(-pid, 'SIGKILL');
    await exited;
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  const healthy = waitUntilHealthy(`${baseUrl}/health/`, Date.now() + (options.startTimeoutMs ?? 180_000), () => exitReason).catch(
    async (error: unknown) => {
      await kill();
      throw error;
    },
  );
  return { baseUrl, port, pid, healthy, output: () => output, kill };
}
