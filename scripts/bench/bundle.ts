import { statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * Bundles Lambda entries the way serverless.yml's custom.esbuild does (minified CommonJS for node22 with
 * the native libSQL driver left outside), so the benchmark measures what ships.
 */
export async function bundleFunctions(projectRoot: string, entries: Record<string, string>, outdir: string): Promise<Record<string, string>> {
  await build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, entry]) => [name, join(projectRoot, entry)])),
    outdir,
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: ['libsql'],
    loader: { '.sql': 'text' },
    logLevel: 'error',
  });
  return Object.fromEntries(Object.keys(entries).map((name) => [name, join(outdir, `${name}.js`)]));
}

export const sizeOf = (file: string) => statSync(file).size;
