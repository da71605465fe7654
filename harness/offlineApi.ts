import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

export interface OfflineApi {
  baseUrl: string;
  pid: number;
  stop(): Promise<void>;
}

export interface OfflineApiOptions {
  databaseUrl: string;
  /** Extra environment for the API, e.g. OPENAI_BASE_URL of a loopback fake. */
  env?: Record<string, string>;
  /** serverless-offline's own output goes here, for when a test needs to know why it failed. */
  logFile?: string;
  startTimeoutMs?: number;
}

/** The folder holding package.json, found from here whether this runs from tests/ or from a bundled script. */
export function findProjectRoot(from = __dirname): string {
  for (let folder = from; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json')) && existsSync(join(folder, 'serverless.yml'))) return folder;
    if (dirname(folder) === folder) throw new Error(`no project root above ${from}`);
  }
}

const projectRoot = findProjectRoot();

/** A port the kernel says is free right now on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function waitUntilHealthy(url: string, deadline: number, exited: () => string | undefined): Promise<void> {
  for (;;) {
    const exit = exited();
    if (exit) throw new Error(`serverless-offline exited before it answered: ${exit}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`serverless-offline did not answer ${url} in time`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Runs `serverless offline start` on free loopback ports, the way `npm start` does, and waits for /health/. */
export async function startOfflineApi(options: OfflineApiOptions): Promise<OfflineApi> {
  const [httpPort, lambdaPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, [join(projectRoot, 'node_modules/serverless/bin/serverless.js'), 'offline', 'start'], {
    cwd: projectRoot,
    detached: true, // its own process group, so stop() also ends the esbuild and worker children
    env: {
      ...process.env,
      PORT: String(httpPort),
      LAMBDA_PORT: String(lambdaPort),
      DATABASE_URL: options.databaseUrl,
      SEED_DATA: 'false',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'SILENT',
      // One key for every function bundle, as npm start makes one, so a token from one verifies in all.
      JWT_SECRET: randomBytes(32).toString('base64url'),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = options.logFile ? createWriteStream(options.logFile) : undefined;
  let output = '';
  const record = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
    log?.write(chunk);
  };
  child.stdout.on('data', record);
  child.stderr.on('data', record);
  let exitReason: string | undefined;
  child.on('exit', (code, signal) => {
    exitReason = `code ${code} signal ${signal}\n${output}`;
  });

  const baseUrl = `http://127.0.0.1:${httpPort}`;
  const stop = async () => {
    if (exitReason !== undefined || child.pid === undefined) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    const forced = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(forced);
    log?.end();
  };
  try {
    await waitUntilHealthy(`${baseUrl}/health/`, Date.now() + (options.startTimeoutMs ?? 120_000), () => exitReason);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, pid: child.pid ?? 0, stop };
}
