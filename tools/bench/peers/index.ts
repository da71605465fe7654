/**
 * `npm run bench peers` (issue 30): the API against an Express 5 and a Fastify 5 function doing the same statements,
 * and against hello-world, in one run: a fresh process to its first answer, warm on sqld over HTTP, and over `npm
 * start` on sqld. Prints its rows and rewrites its own section of docs/PERFORMANCE.md.
 */
import { join } from 'node:path';
import { sizeOf } from '../bundle';
import { withSmallDatabase } from '../firstInvocation';
import { loadAverages, ms } from '../stats';
import type { BenchRow } from '../types';
import { benchColdPeers, type ColdFigure } from './cold';
import { peersSection, writePeersSection } from './section';
import { bundleContenders, PEERS, ROUTES, type ContenderBundles } from './contenders';
import { benchPeersOnSqld, type HttpFigure, type WarmFigure } from './onSqld';
import { COLD_TARGETS, HTTP_TARGET, WARM_TARGET } from './verdicts';

const kib = (file: string) => `${(sizeOf(file) / 1024).toFixed(1)} KiB`;

function sizes(bundles: ContenderBundles): string {
  const ours = ROUTES.map((route) => `${route} ${kib(bundles.ours[route])}`).join(', ');
  return `ours ${ours}; Express ${kib(bundles.peers.express)}, Fastify ${kib(bundles.peers.fastify)}, hello-world ${kib(bundles.hello)}`;
}

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
  writePeersSection(root, peersSection({ cold, warm, http, sizes: sizes(bundles) }, { before, after: loadAverages() }));
  console.log('\npeers only: its section of docs/PERFORMANCE.md rewritten');
}
