/**
 * The bench's sign-in and token figures (issue 10): what throttled guesses cost, what token liveness adds to an
 * authenticated request, and how a burst of sign-ins is answered over serverless-offline.
 */
import { createApiClient } from '../../lib/client/apiClient';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Client, InStatement, ResultSet, TransactionMode } from '@libsql/client';
import { parseConfig } from '../../lib/config';
import { createServices, type Services } from '../../lib/container';
import { openMigratedDatabase } from '../../lib/db/client';
import { clientWith } from '../../lib/db/clientWith';
import { createHttpHandler } from '../../lib/http/createHttpHandler';
import { SIGN_IN_NOT_LIVE } from '../../lib/repositories/sessionsRepository';
import { createUsersRepository } from '../../lib/repositories/usersRepository';
import { issueTokenRoute } from '../../lib/schemas/routes/auth';
import { createRatingRoute } from '../../lib/schemas/routes/ratings';
import { getMeRoute } from '../../lib/schemas/routes/users';
import { createPasswordHasher } from '../../lib/services/passwords';
import { issueToken } from '../../functions/auth/issueToken';
import { createRating } from '../../functions/ratings/createRating';
import { getMe } from '../../functions/users/getMe';
import { httpEvent, lambdaContext } from '../../harness/events';
import { startOfflineApi } from '../../harness/offlineApi';
import { silentLogger } from './silentLogger';
import { ms, percentile, timeAgainstFloor } from './stats';
import type { BenchRow } from './types';
import { BENCH_SECRET } from './environment';

type Invocable = ReturnType<typeof createHttpHandler>;
const PASSWORD = 'bench-password-1';

const call = async (handler: Invocable, event: ReturnType<typeof httpEvent>) =>
  (await handler(event, lambdaContext(), { signal: new AbortController().signal } as never)) as { statusCode: number; body?: string };

async function servicesOver(databaseUrl: string, env: Record<string, string> = {}, wrap = (db: Client) => db): Promise<Services> {
  const config = parseConfig({ NODE_ENV: 'production', JWT_SECRET: BENCH_SECRET, DATABASE_URL: databaseUrl, LOG_LEVEL: 'SILENT', ...env });
  const generator = { generate: () => Promise.reject(new Error('no LLM in this bench')) };
  return createServices({ config, db: wrap(await openMigratedDatabase({ url: databaseUrl })), logger: silentLogger(), generator });
}

const isLivenessGuard = (statement: InStatement | undefined) => typeof statement === 'object' && statement.sql.includes(SIGN_IN_NOT_LIVE);

/**
 * The database with the sign-in's liveness guard left out of each batch that leads with it (its place in the results
 * kept by a blank): the same route, the same round trips, without the check's SQL. The floor of the liveness row.
 */
function withoutLivenessGuard(db: Client): Client {
  const batch = async (statements: InStatement[], mode?: TransactionMode): Promise<ResultSet[]> =>
    isLivenessGuard(statements[0]) ? [{} as ResultSet, ...(await db.batch(statements.slice(1), mode))] : db.batch(statements, mode);
  return clientWith(db, { batch } as Partial<Client>);
}

/** (a) 1,000 wrong passwords in a row for one account, one after another: the CPU each kind of answer costs. */
async function wrongPasswords(databaseUrl: string, record: (row: BenchRow) => void): Promise<void> {
  const services = await servicesOver(databaseUrl, { AUTH_RATE_PER_MINUTE: '1000000' });
  await services.auth.createAccount({ email: 'victim@example.com', password: PASSWORD });
  const handler = createHttpHandler(issueTokenRoute, issueToken, async () => services);
  const cpuByStatus = new Map<number, number[]>();
  const wallByStatus = new Map<number, number[]>();
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  for (let i = 0; i < 1000; i++) {
    const cpu = process.cpuUsage();
    const wall = performance.now();
    const { statusCode } = await call(
      handler,
      httpEvent({ method: 'POST', path: '/auth/token/', body: { email: 'victim@example.com', password: `wrong-${i}` } }),
    );
    const spent = process.cpuUsage(cpu);
    (cpuByStatus.get(statusCode) ?? cpuByStatus.set(statusCode, []).get(statusCode)!).push((spent.user + spent.system) / 1000);
    (wallByStatus.get(statusCode) ?? wallByStatus.set(statusCode, []).get(statusCode)!).push(performance.now() - wall);
  }
  const total = process.cpuUsage(cpuStarted);
  const totalCpuMs = (total.user + total.system) / 1000;
  const sum = (values: number[] = []) => values.reduce((a, b) => a + b, 0);
  const throttled = cpuByStatus.get(429) ?? [];
  const hashed = cpuByStatus.get(401) ?? [];
  const throttledMean = sum(throttled) / Math.max(1, throttled.length);
  const throttledWall = Float64Array.from(wallByStatus.get(429) ?? []).sort();
  record({
    scenario: '1,000 wrong passwords, one account',
    figure: `${hashed.length} hashed (401), ${throttled.length} throttled (429) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  });
  record({
    scenario: '  total server CPU',
    figure: `${ms(totalCpuMs)} ms; hashed ${ms(sum(hashed))} ms, throttled ${ms(sum(throttled))} ms (${((100 * sum(throttled)) / totalCpuMs).toFixed(1)}%)`,
  });
  record({
    scenario: '  one throttled attempt',
    figure: `CPU mean ${ms(throttledMean)} ms, wall p50 ${ms(percentile(throttledWall, 50))} ms`,
    floor: `hashed: CPU mean ${ms(sum(hashed) / Math.max(1, hashed.length))} ms`,
    target: '< 5 ms, no hash',
    met: throttledMean < 5,
  });
}

/** (b) GET /users/me/ and a signed-in POST /ratings/ with the liveness guard in their batch, against the same without it. */
async function livenessCost(databaseUrl: string, record: (row: BenchRow) => void, calls: number): Promise<void> {
  // The write limit (issue 15) is lifted: this measures the token check, not the limiter.
  const services = await servicesOver(databaseUrl, { AUTH_RATE_PER_MINUTE: '1000000', WRITE_RATE_PER_MINUTE: '1000000' });
  await services.auth.createAccount({ email: 'reader@example.com', password: PASSWORD });
  const { access_token: token } = await services.auth.signIn('reader@example.com', PASSWORD);
  const movies = await Promise.all(Array.from({ length: 100 }, (_, i) => services.movies.create({ title: `Liveness ${i}`, genres: [] })));
  // The floor: the same routes over the same file, with the guard statement taken out of their batches. (Before
  // issue 12 the check was a read of its own; since, it rides at the head of the route's first batch.)
  const unchecked = await servicesOver(
    databaseUrl,
    { AUTH_RATE_PER_MINUTE: '1000000', WRITE_RATE_PER_MINUTE: '1000000' },
    withoutLivenessGuard,
  );
  const headers = { authorization: `Bearer ${token}` };
  for (const [name, route, implementation, event, status] of [
    ['GET /users/me/', getMeRoute, getMe, () => httpEvent({ path: '/users/me/', headers }), 200],
    [
      'POST /ratings/ (signed in)',
      createRatingRoute,
      createRating,
      (i: number) => httpEvent({ method: 'POST', path: '/ratings/', headers, body: { movie: movies[i % 100]!.id, value: 1 + (i % 5) } }),
      [200, 201],
    ],
  ] as const) {
    const live = createHttpHandler(route as never, implementation as never, async () => services);
    const before = createHttpHandler(route as never, implementation as never, async () => unchecked);
    const expect = (statusCode: number) => {
      if (!([status].flat() as number[]).includes(statusCode)) throw new Error(`${name}: unexpected ${statusCode}`);
    };
    const timing = await timeAgainstFloor(
      async (i) => expect((await call(live, event(i))).statusCode),
      async (i) => expect((await call(before, event(i))).statusCode),
      calls,
    );
    const ratio = timing.subject.p50 / timing.floor.p50;
    record({
      scenario: `token liveness: ${name}`,
      figure: `p50 ${ms(timing.subject.p50)} ms, p99 ${ms(timing.subject.p99)} ms`,
      floor: `without the guard statement p50 ${ms(timing.floor.p50)} ms`,
      ratio,
      target: '≤ 1.15×',
      met: ratio <= 1.15,
    });
  }
}

/** (c) 50 concurrent sign-ins of 50 accounts over serverless-offline, scrypt at OWASP cost. */
async function signInBurst(databaseUrl: string, record: (row: BenchRow) => void): Promise<void> {
  const db = await openMigratedDatabase({ url: databaseUrl });
  const users = createUsersRepository(db);
  const hash = await createPasswordHasher().hash(PASSWORD);
  for (let i = 0; i < 50; i++) await users.create({ email: `burst-${i}@example.com`, passwordHash: hash, role: 'basic' });
  db.close();
  const api = await startOfflineApi({ databaseUrl, env: { LOG_LEVEL: 'SILENT', AUTH_RATE_PER_MINUTE: '1000000' } });
  const client = createApiClient({ baseUrl: api.baseUrl });
  try {
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const t = performance.now();
        const answer = await client.issueToken({ body: { email: `burst-${i}@example.com`, password: PASSWORD } });
        const tokens = answer.status === 200 && typeof answer.body.access_token === 'string';
        return { status: answer.status as number, tokens, ms: performance.now() - t };
      }),
    );
    const total = performance.now() - started;
    const count = (status: number) => answers.filter((a) => a.status === status).length;
    const others = answers.filter((a) => ![200, 503].includes(a.status)).map((a) => a.status);
    const worst = Math.max(...answers.map((a) => a.ms));
    record({
      scenario: '50 concurrent sign-ins (serverless-offline)',
      figure: `${answers.filter((a) => a.tokens).length} tokens, ${count(503)} × 503${others.length ? `, others: ${others.join(' ')}` : ''}`,
      floor: `worst ${ms(worst)} ms, all in ${ms(total)} ms`,
      target: 'only 200 or 503',
      met: others.length === 0,
    });
  } finally {
    await api.stop();
  }
}

export async function benchAuth(record: (row: BenchRow) => void, { calls = 2000 }: { calls?: number } = {}): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'movies-bench-auth-'));
  try {
    await wrongPasswords(`file:${join(work, 'guesses.db')}`, record);
    await livenessCost(`file:${join(work, 'liveness.db')}`, record, calls);
    await signInBurst(`file:${join(work, 'burst.db')}`, record);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
