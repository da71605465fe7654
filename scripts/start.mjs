// `npm start`: prepares the database (migrations, and the dataset import when there is one to do), then
// runs the API under serverless-offline on PORT / LAMBDA_PORT.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { loadDotEnv, runScript } from './run.mjs';

loadDotEnv();
const started = Date.now();
await runScript('scripts/prepareDatabase.ts');
console.log(`database ready in ${Date.now() - started} ms; starting serverless-offline`);

const serverless = resolve(import.meta.dirname, '..', 'node_modules', 'serverless', 'bin', 'serverless.js');
const child = spawn(process.execPath, [serverless, 'offline', 'start', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
