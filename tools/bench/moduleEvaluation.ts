import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { lambdaBuildOptions } from './bundle';
import { lambdaRuntimeEnvironment } from './environment';
import { FRESH_PROCESS_FLAGS, firstCalls, withSmallDatabase } from './firstInvocation';

/**
 * Where a function's INIT goes, module by module: `npm run bench modules`. Each function is bundled as serverless.yml
 * bundles it but unminified, and esbuild's two helpers that evaluate a module on its first require (`__esm` for our
 * modules and the ESM packages, `__commonJS` for CommonJS ones) are wrapped to time each evaluation; a module's own
 * time leaves out the modules it requires. Run in fresh processes as a Lambda runtime runs a function (require, then
 * one call on the next turn of the event loop); each figure is the median of the runs. Unminified code takes longer
 * to compile, so compare rows with each other, not with the first-invocation rows of the full bench.
 */
const RUNS = 5;

const TIMER = `var __evaluation = globalThis.__evaluation = { own: {}, nested: [] };
var __now = require('node:perf_hooks').performance.now.bind(require('node:perf_hooks').performance);
function __timed(label, evaluate) {
  const started = __now();
  __evaluation.nested.push(0);
  try { return evaluate(); } finally {
    const total = __now() - started;
    const inner = __evaluation.nested.pop();
    __evaluation.own[label] = (__evaluation.own[label] || 0) + total - inner;
    if (__evaluation.nested.length) __evaluation.nested[__evaluation.nested.length - 1] += total;
  }
}
`;

/** The two lines of esbuild's helpers that evaluate a module, and the same lines timed. */
const HELPERS: [string, string][] = [
  [
    'return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;',
    'return fn && (res = __timed(__getOwnPropNames(fn)[0], () => (0, fn[__getOwnPropNames(fn)[0]])(fn = 0))), res;',
  ],
  [
    'return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;',
    'return mod || __timed(__getOwnPropNames(cb)[0], () => (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod)), mod.exports;',
  ],
];

async function instrumentedBundle(root: string, entry: string, outfile: string): Promise<void> {
  await build({ ...lambdaBuildOptions(root), minify: false, entryPoints: [join(root, entry)], outfile, logLevel: 'error' });
  let text = readFileSync(outfile, 'utf8');
  for (const [line, timed] of HELPERS) {
    if (!text.includes(line)) throw new Error(`esbuild's module helper changed; update tools/bench/moduleEvaluation.ts: ${line}`);
    text = text.replace(line, timed);
  }
  writeFileSync(outfile, text.replace('var __create = Object.create;', `${TIMER}var __create = Object.create;`));
}

interface Run {
  status: number;
  requireMs: number;
  initMs: number;
  callMs: number;
  own: Record<string, number>;
}

function runOnce(bundle: string, functionName: string, event: unknown): Run {
  const script = `const { performance } = require('node:perf_hooks');
    const started = performance.now();
    const { handler } = require(${JSON.stringify(bundle)});
    const required = performance.now();
    setImmediate(async () => {
      const ready = performance.now();
      const { statusCode } = await handler(${JSON.stringify(event)}, { getRemainingTimeInMillis: () => 30000, awsRequestId: 'modules' });
      const answered = performance.now();
      process.stdout.write(JSON.stringify({ status: statusCode, requireMs: required - started, initMs: ready - started, callMs: answered - ready, own: globalThis.__evaluation.own }));
    });`;
  const out = execFileSync(process.execPath, [...FRESH_PROCESS_FLAGS, '-e', script], {
    env: lambdaRuntimeEnvironment(functionName),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.toString()) as Run;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
/** A module's label as esbuild writes it (a path from the bundle's folder), shortened to its package or our file. */
const nameOf = (label: string) => label.match(/node_modules\/((@[^/]+\/)?[^/]+)/)?.[1] ?? label.replace(/^(\.\.\/)+/, '');

export async function benchModuleEvaluation(root: string, entries: Record<string, string>): Promise<void> {
  await withSmallDatabase(async () => {
    for (const { name, event, status } of await firstCalls()) {
      // Inside the project, as serverless-offline runs them: the packages the bundles leave out (libsql, the sqlite3
      // client) resolve from its node_modules. From a temporary folder they did not, and every call failed unseen.
      const bundle = join(root, '.build', 'modules', `${name}.js`);
      await instrumentedBundle(root, entries[name]!, bundle);
      const runs = Array.from({ length: RUNS }, () => runOnce(bundle, name, event));
      const failed = runs.find((run) => run.status !== status);
      if (failed) throw new Error(`${name} answered ${failed.status}, not ${status}: the figures would time a failure`);
      const own: Record<string, number[]> = {};
      for (const run of runs) {
        const byName: Record<string, number> = {};
        for (const [label, ms] of Object.entries(run.own)) byName[nameOf(label)] = (byName[nameOf(label)] ?? 0) + ms;
        for (const [module, ms] of Object.entries(byName)) (own[module] ??= []).push(ms);
      }
      const f = (values: number[]) => median(values).toFixed(1);
      console.log(
        `\n${name}: require ${f(runs.map((r) => r.requireMs))} ms, INIT ${f(runs.map((r) => r.initMs))} ms, call ${f(runs.map((r) => r.callMs))} ms`,
      );
      const rows = Object.entries(own)
        .map(([module, values]) => [module, median(values)] as const)
        .filter(([, ms]) => ms >= 0.2)
        .sort((a, b) => b[1] - a[1]);
      for (const [module, ms] of rows) console.log(`${ms.toFixed(2).padStart(8)} ms  ${module}`);
    }
  });
}
