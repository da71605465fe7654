import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allRoutes } from '../../../lib/schemas/routes';
import { exportMyRatingsRoute, importMyRatingsRoute } from '../../../lib/schemas/routes/portableRatings';
import { serverlessFunctions } from '../../../scripts/serverless/contracts';
import { lambdaBuildOptions } from '../../../tools/bench/bundle';

const root = join(__dirname, '..', '..', '..');

/** A function bundled exactly as serverless.yml's custom.esbuild bundles it, and which packages fill it. */
async function bundle(entry: string) {
  const result = await build({
    ...lambdaBuildOptions(root),
    entryPoints: [join(root, entry)],
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  const text = result.outputFiles[0]!.text;
  const bytesOf = (pkg: string) =>
    Object.entries(output.inputs)
      .filter(([path]) => path.includes(`node_modules/${pkg}/`))
      .reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
  return { bytes: output.bytes, bytesOf, text };
}

/** How a bundle loads openai from beside itself: esbuild keeps a dynamic import of an external package as it is. */
const loadsOpenAi = /import\("openai"\)|require\("openai"\)/;

/** Every function serverless deploys, by name, with its entry file. */
const functionEntries = Object.entries(serverlessFunctions(root)).map(
  ([name, fn]) => [name, fn.handler.replace(/\.handler$/, '.ts').replace(`${root}/`, '')] as const,
);

/** The functions whose contract writes summaries carry the openai package beside their bundle. */
const summaryWriters = new Set(allRoutes.filter((route) => route.writesSummaries === true).map((route) => route.functionName));

/** The CSV libraries belong to the import (csv-parse) and the export (csv-stringify) alone. */
const csvFunctions = new Set(['importMyRatings', 'exportMyRatings']);

describe('every function bundle', () => {
  // One build per function, as serverless-esbuild builds them (each its own esbuild call).
  let bundles: [string, Awaited<ReturnType<typeof bundle>>][];
  beforeAll(async () => {
    bundles = [];
    for (const [name, entry] of functionEntries) bundles.push([name, await bundle(entry)]);
  }, 120_000);

  // The openapi function carries the OpenAPI document itself (minified JSON): its code is held to the same budget.
  const documentBytes = JSON.stringify(JSON.parse(readFileSync(join(root, 'lib', 'openapi', 'openapi.json'), 'utf8'))).length;
  const budgetOf = (name: string) => 300 * 1024 + (name === 'openapi' ? documentBytes : 0);

  it('holds at most 300 KiB, but for the summary writers, which carry openai beside them', () => {
    const tooLarge = bundles
      .filter(([name, { bytes }]) => !summaryWriters.has(name) && bytes > budgetOf(name))
      .map(([name, { bytes }]) => `${name}: ${(bytes / 1024).toFixed(1)} KiB`);

    expect(tooLarge).toEqual([]);
  });

  it('carries no CSV library, but for the import and the export', () => {
    const carrying = bundles
      .filter(([name, { bytesOf }]) => !csvFunctions.has(name) && bytesOf('csv-parse') + bytesOf('csv-stringify') > 0)
      .map(([name]) => name);

    expect(carrying).toEqual([]);
  });

  // A contract module declares every route of its domain; a function's bundle keeps the one it serves (defineRoute is
  // free of side effects, and so is each schema's construction), so its INIT builds no schema of another route.
  it('carries the contract of the route it serves and no other', () => {
    const functionNames = new Set(allRoutes.map((route) => route.functionName));
    const others = bundles
      .map(([name, { text }]) => [name, [...text.matchAll(/functionName:"(\w+)"/g)].map((match) => match[1]!)] as const)
      .map(([name, named]) => [name, named.filter((other) => other !== name && functionNames.has(other))] as const)
      .filter(([, named]) => named.length > 0)
      .map(([name, named]) => `${name}: ${named.join(', ')}`);

    expect(others).toEqual([]);
  });

  // Deployed functions speak HTTP to their database; a ws:// URL is served by Node's own WebSocket.
  it('carries no WebSocket library', () => {
    const carrying = bundles.filter(([, { bytesOf }]) => bytesOf('ws') + bytesOf('@libsql/isomorphic-ws') > 0).map(([name]) => name);

    expect(carrying).toEqual([]);
  });
});

describe('function bundles', () => {
  it('keep zod tree-shaken: only the validators used are bundled', async () => {
    const { bytesOf } = await bundle('functions/ratings/createRating.ts');

    expect(bytesOf('zod')).toBeLessThan(200 * 1024);
  });

  // csv-parse and csv-stringify are left out of every bundle (serverless.yml), each required on its first use: the import
  // and the export carry their own beside their bundle (their contracts' package patterns), no other function either.
  it('load csv-parse in the import and csv-stringify in the export from beside the bundle, which each package copies in', async () => {
    const [importer, exporter] = (await Promise.all(
      ['functions/portableRatings/importMyRatings.ts', 'functions/portableRatings/exportMyRatings.ts'].map(bundle),
    )) as [Awaited<ReturnType<typeof bundle>>, Awaited<ReturnType<typeof bundle>>];

    expect(importer.bytesOf('csv-parse') + exporter.bytesOf('csv-stringify')).toBe(0);
    expect(importer.text).toMatch(/require\("csv-parse\/sync"\)/);
    expect(exporter.text).toMatch(/require\("csv-stringify\/sync"\)/);
    expect(importMyRatingsRoute.lambda?.packagePatterns).toContain('node_modules/csv-parse/dist/cjs/sync.cjs');
    expect(exportMyRatingsRoute.lambda?.packagePatterns).toContain('node_modules/csv-stringify/dist/cjs/sync.cjs');
  }, 30_000);

  // fflate reads the ZIP of Letterboxd's export: only the import's package carries it, beside the bundle, and only a ZIP
  // loads it, so no function's bundle grows by it.
  it("carry none of fflate: it travels beside the import's bundle alone", async () => {
    const bundles = await Promise.all(['functions/portableRatings/importMyRatings.ts', 'functions/ratings/createRating.ts'].map(bundle));

    for (const { bytesOf } of bundles) expect(bytesOf('fflate')).toBe(0);
    expect(bundles[0]!.text).toMatch(/import\("fflate"\)|require\("fflate"\)/);
    expect(importMyRatingsRoute.lambda?.packagePatterns).toContain('node_modules/fflate/**');
  }, 30_000);

  it('carry none of the openai package: it travels beside the functions whose contract writes summaries', async () => {
    const bundles = await Promise.all(
      ['functions/health/health.ts', 'functions/ratings/createRating.ts', 'functions/movies/getMovie.ts'].map(bundle),
    );

    for (const { bytesOf } of bundles) expect(bytesOf('openai')).toBe(0);
    // The container loads it from beside the bundle on a first summary, and only in a profile that writes summaries
    // (tests/unit/container.test.ts); packaged alone, the other functions run without it (npm run check:artifacts).
    expect(bundles[2]!.text).toMatch(loadsOpenAi);
  });

  it('serve the OpenAPI document without generating it, so the openapi bundle leaves zod-to-openapi out', async () => {
    const { bytesOf } = await bundle('functions/docs/openapi.ts');

    expect(bytesOf('@asteasolutions/zod-to-openapi')).toBe(0);
  });

  it('stay under 1 MB minified, native driver excluded', async () => {
    const { bytes } = await bundle('functions/movies/getMovie.ts');

    expect(bytes).toBeLessThan(1_000_000);
  });

  // Node's own modules are not free either: node:http alone (with net and its parsers) costs a cold start 7-8 ms on
  // this machine. A function that serves HTTP through API Gateway needs none of node's HTTP client or server.
  it("load none of node's HTTP modules when a function is required", async () => {
    const { text } = await bundle('functions/movies/getMovie.ts');
    const folder = mkdtempSync(join(tmpdir(), 'movies-bundle-'));
    try {
      writeFileSync(join(folder, 'getMovie.js'), text);
      const script = `const before = new Set(process.moduleLoadList);
        require(${JSON.stringify(join(folder, 'getMovie.js'))});
        const loaded = process.moduleLoadList.filter((name) => !before.has(name));
        process.stdout.write(JSON.stringify(loaded));`; // (stdout, a pipe here, is itself a net socket: read after)
      const loaded = JSON.parse(
        execFileSync(process.execPath, ['-e', script], { env: { ...process.env, LOG_LEVEL: 'SILENT' } }).toString(),
      ) as string[];

      expect(loaded.filter((name) => /^NativeModule (_?http|https|net|tls)\b/.test(name))).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 30_000);
});
