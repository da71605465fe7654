/**
 * `npm run bench peers` (issue 30): the API against an Express 5 and a Fastify 5 function doing the same statements,
 * and against hello-world, in one run: a fresh process to its first answer, warm on sqld over HTTP, and over `npm
 * start` on sqld. Prints its rows and rewrites its own section of docs/PERFORMANCE.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sizeOf } from '../bundle';
import { withSmallDatabase } from '../firstInvocation';
import { loadAverages, ms } from '../stats';
import type { BenchRow } from '../types';
import { benchColdPeers, COLD_ROUNDS, type ColdFigure } from './cold';
import { bundleContenders, PEERS, ROUTES, type ContenderBundles } from './contenders';
import { benchPeersOnSqld, type HttpFigure, type WarmFigure } from './onSqld';
import { COLD_TARGETS, HTTP_TARGET, WARM_TARGET, type Verdict } from './verdicts';

export const PEERS_HEADING = '## Against Express, Fastify and hello-world (issue 30)';

/** What the tables measure, the same every run; the figures above are the run's. */
const READING = `How to read them. The warm peers send sqld what ours sends, the counter's increment beside the route's own
request, so on loopback a warm request of any of them is mostly sqld's two requests: the warm target (0.7×) can only
be met by ours sending fewer requests than the peers do, which the requests column shows. A first answer counts what
Lambda's INIT and first call cost a fresh process: Express's is its larger bundle (body-parser's and raw-body's
character encodings among it), Fastify's mostly its first call, where @fastify/aws-lambda readies the app and its
schemas are compiled; what ours spends beyond hello-world's is its own bundle and first call.`;

const mark = ({ met }: Verdict) => (met ? '✓' : '✗');
const ratioText = (v: Verdict) => `${v.ratio.toFixed(2)}× ${mark(v)}`;

function coldRows(figures: ColdFigure[]): BenchRow[] {
  return figures.flatMap((f) =>
    (['express', 'fastify', 'hello'] as const).map((against) => ({
      scenario: `first answer: ${f.route} vs ${against}`,
      figure: `ours ${ms(f.answeredMs.ours)} ms`,
      floor: `${against} ${ms(f.answeredMs[against])} ms`,
      ratio: f.verdicts[against].ratio,
      target: `≤ ${COLD_TARGETS[against]}×`,
      met: f.verdicts[against].met,
    })),
  );
}

function warmRows(figures: WarmFigure[]): BenchRow[] {
  return figures.flatMap((f) =>
    PEERS.map((peer) => ({
      scenario: `warm on sqld: ${f.route} vs ${peer}`,
      figure: `ours p50 ${ms(f.timing.ours.p50)} ms, ${f.requests.ours.toFixed(2)} requests`,
      floor: `${peer} p50 ${ms(f.timing[peer].p50)} ms, ${f.requests[peer].toFixed(2)}`,
      ratio: f.verdicts[peer].ratio,
      target: `≤ ${WARM_TARGET}×`,
      met: f.verdicts[peer].met,
    })),
  );
}

const httpRow = (f: HttpFigure): BenchRow => ({
  scenario: 'npm start on sqld: GET movie vs GET health',
  figure: `${Math.round(f.movie.perSecond)} req/s`,
  floor: `health ${Math.round(f.health.perSecond)} req/s`,
  ratio: f.verdict.ratio,
  target: `≥ ${HTTP_TARGET}×`,
  met: f.verdict.met,
});

const kib = (file: string) => `${(sizeOf(file) / 1024).toFixed(1)} KiB`;

function sizes(bundles: ContenderBundles): string {
  const ours = ROUTES.map((route) => `${route} ${kib(bundles.ours[route])}`).join(', ');
  return `ours ${ours}; Express ${kib(bundles.peers.express)}, Fastify ${kib(bundles.peers.fastify)}, hello-world ${kib(bundles.hello)}`;
}

function section(
  { cold, warm, http, bundles }: { cold: ColdFigure[]; warm: WarmFigure[]; http: HttpFigure; bundles: ContenderBundles },
  load: { before: string; after: string },
): string {
  const coldTable = [
    '| route | ours | Express | Fastify | hello-world | ours / Express (≤ 0.8×) | ours / Fastify (≤ 0.6×) | ours / hello (≤ 2×) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...cold.map(
      (f) =>
        `| ${f.route} | ${ms(f.answeredMs.ours)} ms | ${ms(f.answeredMs.express)} ms | ${ms(f.answeredMs.fastify)} ms | ${ms(f.answeredMs.hello)} ms | ${ratioText(f.verdicts.express)} | ${ratioText(f.verdicts.fastify)} | ${ratioText(f.verdicts.hello)} |`,
    ),
  ].join('\n');
  const warmTable = [
    '| route | ours p50 / p99 | Express p50 / p99 | Fastify p50 / p99 | requests to sqld (ours, Express, Fastify) | ours / Express (≤ 0.7×) | ours / Fastify (≤ 0.7×) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...warm.map(
      (f) =>
        `| ${f.route} | ${ms(f.timing.ours.p50)} / ${ms(f.timing.ours.p99)} ms | ${ms(f.timing.express.p50)} / ${ms(f.timing.express.p99)} ms | ${ms(f.timing.fastify.p50)} / ${ms(f.timing.fastify.p99)} ms | ${f.requests.ours.toFixed(2)}, ${f.requests.express.toFixed(2)}, ${f.requests.fastify.toFixed(2)} | ${ratioText(f.verdicts.express)} | ${ratioText(f.verdicts.fastify)} |`,
    ),
  ].join('\n');
  const line = (r: HttpFigure['movie']) => `${Math.round(r.perSecond)} req/s, p99 ${r.p99} ms${r.non2xx ? `, ${r.non2xx} non-2xx` : ''}`;
  return `${PEERS_HEADING}

Regenerated by \`npm run bench peers\` (tools/bench/peers/); ${new Date().toISOString()}; load average before
${load.before}, after ${load.after} (1, 5, 15 minutes; the machine's 2 cores are shared). Ratios are ours over the
other's, from this one run.

The peers (tools/bench/peers/expressApp.ts, fastifyApp.ts): an Express 5 app wrapped by serverless-http and a Fastify 5
app wrapped by @fastify/aws-lambda, each one function serving the three routes with the same statements as ours
(through our repositories, over a plain \`@libsql/client\`) and the request counter's increment beside them, the
rating's body validated (zod for Express, a JSON schema for Fastify); hello-world (tools/bench/hello.ts) answers a
constant 200. Every one is bundled with serverless.yml's esbuild options, as ours. The bench stops if a peer's
getMovie or listMovies answer is not byte for byte ours (films with their summaries stored).

A fresh process to its first answer (Node's start, require() of the bundle, INIT, the first call; Lambda's runtime as
tools/bench/firstInvocation.ts runs it) on a small file database, median of ${COLD_ROUNDS} rounds taking turns. The
bundles: ${sizes(bundles)}.

${coldTable}

Warm on sqld over HTTP: each handler loaded in this process with its own client to a real sqld (a small catalogue of
films with stored summaries) through the counting proxy, timed in blocks of 20 taking turns, 200 calls each:

${warmTable}

Over \`npm start\` (serverless-offline) on the same sqld, 10 connections, 10 s per path in four rounds taking turns:
GET /movies/{id}/ ${line(http.movie)}; GET /health/ ${line(http.health)}: ${ratioText(http.verdict)} (≥ ${HTTP_TARGET}×).

${READING}
`;
}

/** Puts the section in docs/PERFORMANCE.md in place of its last version, or at the end. */
export function writePeersSection(root: string, text: string): void {
  const file = join(root, 'docs', 'PERFORMANCE.md');
  const current = readFileSync(file, 'utf8');
  const at = current.indexOf(PEERS_HEADING);
  if (at === -1) return writeFileSync(file, `${current.trimEnd()}\n\n${text}`);
  const next = current.indexOf('\n## ', at + PEERS_HEADING.length);
  writeFileSync(file, `${current.slice(0, at)}${text.trimEnd()}\n${next === -1 ? '' : `\n${current.slice(next + 1)}`}`);
}

/** The whole peers run: bundles, first answers on a small file database, then warm and over HTTP on sqld. */
export async function benchPeers(root: string, entries: Record<string, string>, record: (row: BenchRow) => void): Promise<void> {
  const before = loadAverages();
  const bundles = await bundleContenders(root, entries, join(root, '.build', 'bench-peers'));
  const { warm, http } = await benchPeersOnSqld(bundles);
  warmRows(warm).forEach(record);
  record(httpRow(http));
  console.log('');
  const cold = await withSmallDatabase(async () => benchColdPeers(bundles, 1));
  coldRows(cold).forEach(record);
  writePeersSection(root, section({ cold, warm, http, bundles }, { before, after: loadAverages() }));
  console.log('\npeers only: its section of docs/PERFORMANCE.md rewritten');
}
