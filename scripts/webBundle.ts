import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

/** The project's folder, found upwards: npm scripts run this compiled into .build/scripts/, tests from scripts/. */
function projectRoot(from = __dirname): string {
  for (let folder = from; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'web', 'main.ts'))) return folder;
    if (dirname(folder) === folder) throw new Error(`no web/main.ts above ${from}`);
  }
}
const root = projectRoot();

/** The page's script as the browser gets it (public/app.js), built from web/main.ts. */
export const WEB_BUNDLE_FILE = join(root, 'public', 'app.js');

/**
 * The page's TypeScript (web/) as one minified ES module for the browser: the typed client and its route table come
 * along, the contracts (imported as types) do not. No source map or build stamp, so the same sources always give
 * the same bytes: the committed file can be checked against them, and its `?v=` changes only when they do.
 */
export async function buildWebBundle(): Promise<{ code: string; inputs: string[] }> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['./web/main.ts'],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild wrote no bundle');
  return { code: output.text, inputs: Object.keys(result.metafile.inputs).sort() };
}
