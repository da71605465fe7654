import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build, type BuildOptions, type Loader, type Plugin } from 'esbuild';
import { parse } from 'yaml';
import { esbuildPlugins } from '../../scripts/serverless/functionModules';

interface ServerlessEsbuild {
  minify?: boolean;
  target?: string;
  platform?: BuildOptions['platform'];
  format?: BuildOptions['format'];
  external?: string[];
  /** Left out of the bundle like `external`, but not installed into the package by serverless-esbuild. */
  exclude?: string[];
  loader?: Record<string, Loader>;
  alias?: Record<string, string>;
  /** A file exporting the esbuild plugins (serverless-esbuild requires it from the project's folder). */
  plugins?: string;
}

/**
 * The plugins serverless.yml names: scripts/serverless/esbuildPlugins.js compiles and exports those of
 * functionModules.ts, imported here directly (so that, under jest, their regular expressions are of esbuild's realm).
 */
function pluginsOf(file: string | undefined): Plugin[] | undefined {
  if (file === undefined) return undefined;
  if (file !== './scripts/serverless/esbuildPlugins.js')
    throw new Error(`serverless.yml names esbuild plugins this bench does not know: ${file}`);
  return esbuildPlugins;
}

/**
 * The esbuild options that serverless.yml's custom.esbuild gives serverless-esbuild, read from the file itself,
 * so that what the benchmark and the bundle tests measure is what ships.
 */
export function lambdaBuildOptions(projectRoot: string): BuildOptions {
  const yml = parse(readFileSync(join(projectRoot, 'serverless.yml'), 'utf8')) as { custom: { esbuild: ServerlessEsbuild } };
  const { minify, target, platform, format, external = [], exclude = [], loader, alias, plugins } = yml.custom.esbuild;
  return {
    bundle: true,
    minify,
    target,
    platform,
    format,
    external: [...external, ...exclude],
    loader,
    alias,
    absWorkingDir: projectRoot,
    plugins: pluginsOf(plugins),
  };
}

/**
 * Bundles Lambda entries into outdir as serverless.yml does, one build each as serverless-esbuild builds them (a
 * function's bundle holds only the modules it can reach); answers each entry's output file.
 */
export async function bundleFunctions(
  projectRoot: string,
  entries: Record<string, string>,
  outdir: string,
): Promise<Record<string, string>> {
  const options = lambdaBuildOptions(projectRoot);
  await Promise.all(
    Object.entries(entries).map(([name, entry]) =>
      build({ ...options, entryPoints: { [name]: join(projectRoot, entry) }, outdir, logLevel: 'error' }),
    ),
  );
  return Object.fromEntries(Object.keys(entries).map((name) => [name, join(outdir, `${name}.js`)]));
}

export const sizeOf = (file: string) => statSync(file).size;
