// `npm start`: prepares the database (migrations, and the dataset import when there is one to do), then
// runs the API under serverless-offline on PORT / LAMBDA_PORT.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { loadDotEnv, runScript } from './run.mjs';

loadDotEnv();
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
const child = spawn(process.execPath, [serverless, 'offline', 'start', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
