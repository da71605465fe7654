import { build } from 'esbuild';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

/** The size of a function bundled as serverless.yml bundles it, and which packages fill it. */
async function bundle(entry: string) {
  const result = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: ['libsql'],
    loader: { '.sql': 'text' },
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  const bytesOf = (pkg: string) =>
    Object.entries(output.inputs)
      .filter(([path]) => path.includes(`node_modules/${pkg}/`))
      .reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
  return { bytes: output.bytes, bytesOf };
}

describe('function bundles', () => {
  it('keep zod tree-shaken: only the validators used are bundled', async () => {
    const { bytesOf } = await bundle('functions/ratings/createRating.ts');

    expect(bytesOf('zod')).toBeLessThan(200 * 1024);
  });

  it('leave the openai package out of every function but getMovie, the only one that writes summaries', async () => {
    const [health, createRating, getMovie] = await Promise.all(
      ['functions/health/health.ts', 'functions/ratings/createRating.ts', 'functions/movies/getMovie.ts'].map(bundle),
    );

    expect(health!.bytesOf('openai')).toBe(0);
    expect(createRating!.bytesOf('openai')).toBe(0);
    expect(getMovie!.bytesOf('openai')).toBeGreaterThan(0);
  });

  it('stay under 1 MB minified, native driver excluded', async () => {
    const { bytes } = await bundle('functions/movies/getMovie.ts');

    expect(bytes).toBeLessThan(1_000_000);
  });
});
