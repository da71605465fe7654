// Runs one of the project's TypeScript scripts the way the Lambdas run: bundled by esbuild, so .sql
// migrations load as text and ESM-only packages work. Usage: node scripts/run.mjs scripts/migrate.ts [args]
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const projectRoot = resolve(import.meta.dirname, '..');

/** Loads .env into process.env (without overriding what the shell already set), like serverless does. */
export function loadDotEnv() {
  const file = join(projectRoot, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}

export async function runScript(entry, args = []) {
  const outfile = join(projectRoot, '.build', 'scripts', `${basename(entry, '.ts')}.cjs`);
  await build({
    entryPoints: [resolve(projectRoot, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    // The native driver cannot be bundled; esbuild and autocannon locate their own files at run time, lighthouse too.
    external: ['libsql', 'esbuild', 'autocannon', 'lighthouse', 'chrome-launcher'],
    loader: { '.sql': 'text' },
    logLevel: 'error',
  });
  const script = await import(pathToFileURL(outfile).href);
  const main = script.main ?? script.default?.main;
  if (typeof main !== 'function') throw new Error(`${entry} exports no main()`);
  return main(args);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [entry, ...args] = process.argv.slice(2);
  if (!entry) {
    console.error('usage: node scripts/run.mjs <script.ts> [args]');
    process.exit(2);
  }
  loadDotEnv();
  runScript(entry, args).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
