import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@libsql/client';
import { openMigratedDatabase } from '../../lib/db/client';
import { createMoviesRepository } from '../../lib/repositories/moviesRepository';
import { createUsersRepository } from '../../lib/repositories/usersRepository';
import { createPasswordHasher } from '../../lib/services/passwords';
import { bundleFunctions } from '../../tools/bench/bundle';
import { httpEvent } from '../../harness/events';
import { fromAddress, runInstances, step, type InstanceAnswer, type InstancePlan } from '../../harness/manyInstances';
import { findProjectRoot } from '../../harness/offlineApi';
import { startSqld, type Sqld } from '../../harness/sqld';

const INSTANCES = 8;
const ANONYMOUS_PER_INSTANCE = 12;
/** Ratings each instance sends as the one account they all share, which the write limit must hold to WRITE_LIMIT. */
const SHARED_PER_INSTANCE = 2;
const WRITE_LIMIT = 5;
const PASSWORD = 'many-instances-password';
const HOT = { title: 'Crowd Pleaser', year: 2001 };
const OTHER = { title: 'Alpha', year: 1999 };

const root = findProjectRoot(__dirname);
const valueOf = (n: number) => (n % 5) + 1;
const anonymousValue = (instance: number, j: number) => valueOf(instance * 3 + j);
/** Each instance's own account rates the hot film, re-rates it, then imports a file that rates it once more. */
const ownValues = (instance: number) => ({ first: valueOf(instance), second: valueOf(instance + 2), imported: valueOf(instance + 4) });
const otherImported = (instance: number) => valueOf(instance + 1);

function planOf(instance: number, bundles: Record<string, string>, hotId: number): InstancePlan {
  const ip = (kind: number, n: number) => `10.${kind}.${instance}.${n + 1}`;
  const signIn = (email: string, as: string) =>
    step('issueToken', fromAddress(httpEvent({ method: 'POST', path: '/auth/token/', body: { email, password: PASSWORD } }), ip(1, 0)), {
      signInAs: as,
    });
  const rate = (value: number) => httpEvent({ method: 'POST', path: '/ratings/', body: { movie: hotId, value } });
  const own = ownValues(instance);
  const csv = `Title,Year,Rating\n${HOT.title},${HOT.year},${own.imported}\n${OTHER.title},${OTHER.year},${otherImported(instance)}\n`;
  const steps = [signIn(`instance-${instance}@example.com`, 'own'), signIn('shared@example.com', 'shared')];
  for (let j = 0; j < ANONYMOUS_PER_INSTANCE; j++) {
    // Every anonymous rating from an address of its own: the write limit is not what they test.
    steps.push(step('createRating', fromAddress(rate(anonymousValue(instance, j)), ip(2, j))));
    if (j < SHARED_PER_INSTANCE) steps.push(step('createRating', rate(3), { as: 'shared' }));
  }
  steps.push(
    step('createRating', rate(own.first), { as: 'own' }),
    step('createRating', rate(own.second), { as: 'own' }),
    step(
      'importMyRatings',
      httpEvent({ method: 'POST', path: '/users/me/ratings/import/', headers: { 'content-type': 'text/csv' }, body: csv }),
      { as: 'own' },
    ),
    step('getRequestCount', httpEvent({ path: '/request-count/' })),
  );
  return { bundles, steps };
}

/**
 * Lambda runs one request per container and as many containers as there are requests: here eight Node processes,
 * each with the real functions' bundles and its own database client, against one real sqld over HTTP, all at once.
 * Whatever they race for must come out exact: a film's aggregates, the request counter, a client's write limit.
 */
describe('many instances at once against one sqld', () => {
  let sqld: Sqld;
  let db: Client;
  let buildFolder: string;
  let bundles: Record<string, string>;
  let hotId: number;
  let otherId: number;

  beforeAll(async () => {
    // Four connections at a time: writers still contend for the lock (SQLITE_BUSY), but sqld 0.24 no longer wedges.
    sqld = await startSqld({ maxConcurrentConnections: 4 });
    db = await openMigratedDatabase({ url: sqld.url });
    const movies = createMoviesRepository(db);
    hotId = (await movies.create({ ...HOT, genres: [] })).id;
    otherId = (await movies.create({ ...OTHER, genres: [] })).id;
    // A cheap hash: the sign-ins race for the database here, not for the CPU.
    const passwordHash = await createPasswordHasher({ log2N: 10 }).hash(PASSWORD);
    const users = createUsersRepository(db);
    for (const name of [...Array.from({ length: INSTANCES }, (_, i) => `instance-${i}`), 'shared'])
      await users.create({ email: `${name}@example.com`, username: name, passwordHash, role: 'basic' });
    // .build is git-ignored: a fresh clone has it only once something has built there.
    mkdirSync(join(root, '.build'), { recursive: true });
    buildFolder = mkdtempSync(join(root, '.build', 'instances-'));
    const entry = (folder: string, name: string) => `functions/${folder}/${name}.ts`;
    bundles = await bundleFunctions(
      root,
      {
        issueToken: entry('auth', 'issueToken'),
        createRating: entry('ratings', 'createRating'),
        importMyRatings: entry('portableRatings', 'importMyRatings'),
        getRequestCount: entry('requestCount', 'getRequestCount'),
      },
      buildFolder,
    );
  }, 60_000);
  afterAll(async () => {
    db?.close();
    await sqld?.close();
    if (buildFolder) rmSync(buildFolder, { recursive: true, force: true });
  });

  const env = () => ({
    NODE_ENV: 'production',
    DATABASE_URL: sqld.url,
    JWT_SECRET: 'many-instances-secret-of-at-least-32-characters',
    LOG_LEVEL: 'SILENT',
    WRITE_RATE_PER_MINUTE: String(WRITE_LIMIT),
    // The window outlasts the test, so no count starts again midway.
    WRITE_WINDOW_SECONDS: '3600',
  });

  it('keeps a burst of ratings, re-ratings, sign-ins, imports and counted requests exact, with no 5xx', async () => {
    const plans = Array.from({ length: INSTANCES }, (_, i) => planOf(i, bundles, hotId));

    const { answers } = await runInstances(plans, env());

    const all = answers.flat();
    const statuses = (fn: string, pick: (a: InstanceAnswer, index: number) => boolean = () => true) =>
      all.filter((a, i) => a.fn === fn && pick(a, i)).map((a) => a.status);
    expect(all.filter((a) => a.status >= 500)).toEqual([]);
    expect(statuses('issueToken')).toEqual(Array(2 * INSTANCES).fill(200));
    expect(statuses('importMyRatings')).toEqual(Array(INSTANCES).fill(200));
    const imports = all.filter((a) => a.fn === 'importMyRatings').map((a) => JSON.parse(a.body!) as Record<string, unknown>);
    expect(imports).toEqual(Array(INSTANCES).fill(expect.objectContaining({ imported: 1, updated: 1, unmatched: [], invalid: [] })));

    // The shared account's ratings: exactly the limit's worth stored across processes, the rest refused with 429.
    const sharedStatuses = plans.flatMap((plan, instance) =>
      plan.steps.flatMap((s, k) => (s.as === 'shared' && s.fn === 'createRating' ? [answers[instance]![k]!.status] : [])),
    );
    expect(sharedStatuses).toHaveLength(INSTANCES * SHARED_PER_INSTANCE);
    expect(sharedStatuses.filter((s) => s === 200 || s === 201)).toHaveLength(WRITE_LIMIT);
    expect(sharedStatuses.filter((s) => s === 429)).toHaveLength(INSTANCES * SHARED_PER_INSTANCE - WRITE_LIMIT);

    // The hot film: every anonymous rating, each own account's last value (the import's), the shared account's 3.
    const hotValues = [
      ...Array.from({ length: INSTANCES }, (_, i) => Array.from({ length: ANONYMOUS_PER_INSTANCE }, (_, j) => anonymousValue(i, j))).flat(),
      ...Array.from({ length: INSTANCES }, (_, i) => ownValues(i).imported),
      3,
    ];
    const otherValues = Array.from({ length: INSTANCES }, (_, i) => otherImported(i));
    const stats = (await db.execute('SELECT coalesce(rating_mean, 3.0) AS c, score_min_votes AS m FROM catalogue_stats')).rows[0]!;
    const expected = (values: number[]) => {
      const sum = values.reduce((a, b) => a + b, 0);
      const distribution = [1, 2, 3, 4, 5].map((v) => values.filter((x) => x === v).length);
      const score = (sum + Number(stats.m) * Number(stats.c)) / (values.length + Number(stats.m));
      return { sum, count: values.length, distribution, score };
    };
    const storedOf = async (id: number) => {
      const row = (
        await db.execute({
          sql: `SELECT rating_sum, rating_count, rating_count_1, rating_count_2, rating_count_3, rating_count_4, rating_count_5, score,
                       (SELECT sum(value) FROM ratings WHERE movie_id = movies.id) AS rows_sum,
                       (SELECT count(*) FROM ratings WHERE movie_id = movies.id) AS rows_count
                FROM movies WHERE id = ?`,
          args: [id],
        })
      ).rows[0]!;
      expect([row.rows_sum, row.rows_count]).toEqual([row.rating_sum, row.rating_count]);
      return {
        sum: row.rating_sum,
        count: row.rating_count,
        distribution: [row.rating_count_1, row.rating_count_2, row.rating_count_3, row.rating_count_4, row.rating_count_5],
        score: row.score as number,
      };
    };
    for (const [id, values] of [
      [hotId, hotValues],
      [otherId, otherValues],
    ] as const) {
      const { score, ...want } = expected([...values]);
      const stored = await storedOf(id);
      expect({ ...stored, score: undefined }).toEqual({ ...want, score: undefined });
      expect(stored.score).toBeCloseTo(score, 9);
    }

    // Every invocation of every instance counted once, and the reading below too.
    const count = await runInstances([{ bundles, steps: [step('getRequestCount', httpEvent({ path: '/request-count/' }))] }], env());
    expect(count.answers[0]![0]!.status).toBe(200);
    expect(JSON.parse(count.answers[0]![0]!.body ?? '{}')).toEqual({ requests: all.length + 1 });
  }, 60_000);
});
