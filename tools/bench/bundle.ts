import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build, type BuildOptions, type Loader } from 'esbuild';
import { parse } from 'yaml';

interface ServerlessEsbuild {
  minify?: boolean;
  target?: string;
  platform?: BuildOptions['platform'];
  format?: BuildOptions['format'];
  external?: string[];
  /** Left out of the bundle like `external`, but not installed into the package by serverless-esbuild. */
  exclude?: string[];
  loader?: Record<string, Loader>;
}

/**
 * The esbuild options that serverless.yml's custom.esbuild gives serverless-esbuild, read from the file itself,
 * so that what the benchmark and the bundle tests measure is what ships.
 */
export function lambdaBuildOptions(projectRoot: string): BuildOptions {
  const yml = parse(readFileSync(join(projectRoot, 'serverless.yml'), 'utf8')) as { custom: { esbuild: ServerlessEsbuild } };
  const { minify, target, platform, format, external = [], exclude = [], loader } = yml.custom.esbuild;
  return { bundle: true, minify, target, platform, format, external: [...external, ...exclude], loader };
}

/** Bundles Lambda entries into outdir as serverless.yml does; answers each entry's output file. */
export async function bundleFunctions(
  projectRoot: string,
  entries: Record<string, string>,
  outdir: string,
): Promise<Record<string, string>> {
  await build({
    ...lambdaBuildOptions(projectRoot),
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, entry]) => [name, join(projectRoot, entry)])),
    outdir,
    logLevel: 'error',
  });
  return Object.fromEntries(Object.keys(entries).map((name) => [name, join(outdir, `${name}.js`)]));
}

export const sizeOf = (file: string) => statSync(file).size;
