// `npm start`: prepares the database (migrations, and the dataset import when there is one to do), then
// runs the API under serverless-offline on PORT / LAMBDA_PORT.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants } from 'node:os';
import { resolve } from 'node:path';
import { loadDotEnv, runScript } from './run.mjs';

loadDotEnv();

let serving; // serverless-offline, once it is started
/** Passes the signal to serverless-offline (it halts its servers and workers, then exits, and so does this). */
const stop = (signal) => (serving ? serving.kill(signal) : process.exit(128 + constants.signals[signal]));
// npm runs this under `sh -c`. Told to stop, npm passes SIGTERM to that sh, which dies of it without passing it on,
// so this process is orphaned and its parent changes: the only sign it gets. Node has no parent-death signal, so
// this looks each second; the API never outlives the npm start that ran it.
const startedBy = process.ppid;
const orphanWatch = setInterval(() => {
  if (process.ppid === startedBy) return;
  clearInterval(orphanWatch);
  stop('SIGTERM');
}, 1000).unref();

// Each function is its own bundle with its own configuration: a key made inside one would not verify
// the tokens another signed. So a missing secret is made once here, for every function of this start.
if (!process.env.JWT_SECRET && process.env.NODE_ENV !== 'production') {
  process.env.JWT_SECRET = randomBytes(32).toString('base64url');
  console.warn('JWT_SECRET is not set: signing tokens with a random key for this start; they stop working when it ends');
}
const started = Date.now();
await runScript('scripts/prepareDatabase.ts');
console.log(`database ready in ${Date.now() - started} ms; starting serverless-offline`);

const serverless = resolve(import.meta.dirname, '..', 'node_modules', 'serverless', 'bin', 'serverless.js');
serving = spawn(process.execPath, [serverless, 'offline', 'start', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));
serving.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
