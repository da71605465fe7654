/**
 * `npm run bench compare -- <rev>`: every compared route (./routes.ts) at a git revision and at this tree, from one
 * run on one machine. The revision is checked out beside the project (./worktree.ts), each tree's functions bundled
 * as serverless.yml bundles them, and each tree run warm in a child process of its own (./runner.ts) on its own copy
 * of one seeded file database, in blocks taking turns. Prints a table and rewrites its own section of
 * docs/PERFORMANCE.md (./section.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getConfig } from '../../../lib/config';
import { createServices } from '../../../lib/container';
import { openMigratedDatabase } from '../../../lib/db/client';
import { createFactsSummaryGenerator } from '../../../lib/llm/factsSummaryGenerator';
import { createUsersRepository } from '../../../lib/repositories/usersRepository';
import { createPasswordHasher } from '../../../lib/services/passwords';
import { bundledMoviesDataset, importMovies, readDataset } from '../../../scripts/movieImport';
import { startFakeOpenAiServer } from '../../../harness/fakeOpenAiServer';
import { bundleFunctions } from '../bundle';
import { addSyntheticCatalogue } from '../database';
import { BENCH_SECRET } from '../environment';
import { silentLogger } from '../silentLogger';
import { loadAverages, ms, percentile } from '../stats';
import { findFunctionFile, functionFilesOf } from './functionFiles';
import type { Credentials, FromRunner, ToRunner } from './runner';
import { COMPARED_FUNCTIONS, COMPARED_ROUTES } from './routes';
import { compareSection, writeCompareSection, type RouteComparison } from './section';
import { compareVerdict, noiseThreshold } from './verdict';
import { checkOutRevision, dependenciesThatDiffer, sameMigrations, shortCommit } from './worktree';

const BLOCKS = 20;
const CALLS_PER_BLOCK = 100;
const WARMUP_CALLS = 100;
/** The full bench's catalogue (tools/bench/index.ts), so that the routes read what they read there. */
const SYNTHETIC_MOVIES = 100_000;
const SYNTHETIC_RATINGS = 1_000_000;
const user: Credentials = { email: 'compare@example.com', password: 'compare-password-1' };
const admin: Credentials = { email: 'compare-admin@example.com', password: 'compare-password-2' };

/** One tree's runner: a child process answering one message at a time. */
interface Runner {
  ask: (message: ToRunner) => Promise<FromRunner>;
  stop: () => void;
}

function startRunner(projectRoot: string, env: NodeJS.ProcessEnv): Promise<Runner> {
  const child: ChildProcess = fork(join(projectRoot, 'scripts', 'run.mjs'), ['tools/bench/compare/runner.ts'], { cwd: projectRoot, env });
  let pending: { resolve: (message: FromRunner) => void; reject: (error: Error) => void } | undefined;
  child.on('message', (message: FromRunner) =>
    message.kind === 'failed' ? pending?.reject(new Error(message.message)) : pending?.resolve(message),
  );
  child.on('exit', (code) => pending?.reject(new Error(`a runner exited (${code})`)));
  const next = () => new Promise<FromRunner>((resolve, reject) => (pending = { resolve, reject }));
  const runner = {
    ask: (message: ToRunner) => {
      const answer = next();
      child.send(message);
      return answer;
    },
    stop: () => child.disconnect(),
  };
  return next().then(() => runner);
}

/** The seeded database both trees copy: the film dataset, synthetic films with stored summaries, and two users. */
async function seedDatabase(file: string): Promise<number[]> {
  const db = await openMigratedDatabase({ url: `file:${file}` });
  const { catalogue } = createServices({ config: getConfig(), db, logger: silentLogger(), generator: createFactsSummaryGenerator() });
  await importMovies(readDataset(bundledMoviesDataset()), { catalogue });
  const synthetic = await addSyntheticCatalogue(db, SYNTHETIC_MOVIES, SYNTHETIC_RATINGS);
  const passwords = createPasswordHasher();
  const users = createUsersRepository(db);
  await users.create({ email: user.email, username: 'compare', passwordHash: await passwords.hash(user.password), role: 'basic' });
  await users.create({ email: admin.email, username: 'compare-admin', passwordHash: await passwords.hash(admin.password), role: 'admin' });
  // Everything into the main file before it is copied, so that each copy holds it all.
  await db.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
  return Array.from({ length: 1000 }, (_, i) => synthetic.firstId + ((i * 97) % SYNTHETIC_MOVIES));
}

/** The tree's compared functions, found by name in its own layout, bundled into its own .build folder. */
function bundleTree(root: string): Promise<Record<string, string>> {
  const files = functionFilesOf(root);
  const entries = Object.fromEntries(COMPARED_FUNCTIONS.map((name) => [name, findFunctionFile(files, name)]));
  return bundleFunctions(root, entries, join(root, '.build', 'bench-compare'));
}

const summarise = (samples: number[]) => {
  const sorted = Float64Array.from(samples).sort();
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), n: sorted.length };
};
const p50Of = (samples: number[]) => summarise(samples).p50;

export async function benchCompare(projectRoot: string, rev: string | undefined): Promise<void> {
  if (!rev) throw new Error('usage: npm run bench compare -- <git revision>');
  const loadBefore = loadAverages();
  const tree = checkOutRevision(projectRoot, rev);
  const work = mkdtempSync(join(tmpdir(), 'movies-compare-db-'));
  const llm = await startFakeOpenAiServer({ kind: 'reply' });
  const runners: Runner[] = [];
  try {
    if (!sameMigrations(tree.root, projectRoot))
      throw new Error(`${rev}'s migrations differ from this tree's: one seeded database cannot serve both (not supported yet)`);
    const notes = dependenciesThatDiffer(tree.root, projectRoot);
    const environment = (databaseFile: string): NodeJS.ProcessEnv => ({
      ...process.env,
      NODE_ENV: 'production',
      JWT_SECRET: BENCH_SECRET,
      DATABASE_URL: `file:${databaseFile}`,
      LOG_LEVEL: 'SILENT',
      OPENAI_API_KEY: 'sk-bench',
      OPENAI_BASE_URL: llm.baseUrl,
      // Limits the run never meets, so that each figure is the route's work alone.
      WRITE_RATE_PER_MINUTE: '1000000',
      LLM_MAX_CALLS_PER_HOUR: '1000000',
      AUTH_RATE_PER_MINUTE: '1000000',
    });
    Object.assign(process.env, environment(join(work, 'seed.db')));
    console.log(`seeding ${join(work, 'seed.db')}`);
    const movieIds = await seedDatabase(join(work, 'seed.db'));
    const [beforeBundles, afterBundles] = await Promise.all([bundleTree(tree.root), bundleTree(projectRoot)]);
    const sides = [
      { name: 'before', bundles: beforeBundles },
      { name: 'after', bundles: afterBundles },
    ];
    // One after the other: scripts/run.mjs builds the runner into one file.
    for (const side of sides) {
      copyFileSync(join(work, 'seed.db'), join(work, `${side.name}.db`));
      const runner = await startRunner(projectRoot, environment(join(work, `${side.name}.db`)));
      runners.push(runner);
      await runner.ask({ kind: 'setup', bundles: side.bundles, movieIds, user, admin });
    }
    const [before, after] = runners as [Runner, Runner];
    const samplesOf = async (runner: Runner, route: string, from: number, count: number) => {
      const answer = await runner.ask({ kind: 'block', route, from, count });
      if (answer.kind !== 'samples') throw new Error(`expected samples, got ${answer.kind}`);
      return answer.samples;
    };

    const figures: RouteComparison[] = [];
    console.log(`\n${'route'.padEnd(24)} ${'before p50 / p99'.padEnd(20)} ${'after p50 / p99'.padEnd(20)} ratio  threshold  verdict`);
    for (const { route } of COMPARED_ROUTES) {
      await samplesOf(before, route, 0, WARMUP_CALLS);
      await samplesOf(after, route, 0, WARMUP_CALLS);
      const blocks = { before: [] as number[][], after: [] as number[][] };
      for (let b = 0; b < BLOCKS; b++) {
        const from = WARMUP_CALLS + b * CALLS_PER_BLOCK;
        blocks.before.push(await samplesOf(before, route, from, CALLS_PER_BLOCK));
        blocks.after.push(await samplesOf(after, route, from, CALLS_PER_BLOCK));
      }
      const [timingBefore, timingAfter] = [summarise(blocks.before.flat()), summarise(blocks.after.flat())];
      const ratio = timingAfter.p50 / timingBefore.p50;
      const threshold = noiseThreshold(blocks.before.map(p50Of), blocks.after.map(p50Of));
      const figure = { route, before: timingBefore, after: timingAfter, ratio, threshold, verdict: compareVerdict(ratio, threshold) };
      figures.push(figure);
      console.log(
        `${route.padEnd(24)} ${`${ms(timingBefore.p50)} / ${ms(timingBefore.p99)} ms`.padEnd(20)} ${`${ms(timingAfter.p50)} / ${ms(timingAfter.p99)} ms`.padEnd(20)} ${ratio.toFixed(2)}×  ${threshold.toFixed(2)}×      ${figure.verdict}`,
      );
    }
    const text = compareSection(
      {
        before: tree.commit === rev ? rev : `${rev} (${tree.commit})`,
        after: `this tree (${shortCommit(projectRoot)})`,
        blocks: BLOCKS,
        callsPerBlock: CALLS_PER_BLOCK,
        data: `A file database with the film dataset, ${SYNTHETIC_MOVIES.toLocaleString('en')} synthetic films and ${SYNTHETIC_RATINGS.toLocaleString('en')} ratings, copied once per tree`,
        load: { before: loadBefore, after: loadAverages() },
        notes,
      },
      figures,
    );
    writeCompareSection(projectRoot, text);
    console.log(`\nload average before ${loadBefore}, after ${loadAverages()}; docs/PERFORMANCE.md's compare section rewritten`);
  } finally {
    for (const runner of runners) runner.stop();
    await llm.close();
    tree.remove();
    rmSync(work, { recursive: true, force: true });
  }
}
