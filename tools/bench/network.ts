import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createClient } from '@libsql/client/web';
import { lambdaContext } from '../../harness/events';
import { latency, startCountingProxy, type CountingProxy } from '../../harness/countingProxy';
import { startSqld, type Sqld } from '../../harness/sqld';
import { percentile, timeAgainstFloor, type Timing } from './stats';
import type { BundledHandler } from './types';

export interface NetworkScenario {
  name: string;
  /** The function's bundle; a copy of it is loaded, so it opens the database anew, as another container would. */
  bundle: string;
  event: (i: number) => APIGatewayProxyEventV2;
  /** The status expected, or those: a user rating a movie again is answered 200, the first time 201. */
  status: number | number[];
  /** Round trips the route waits for one after another (tests/handlers/roundTrips.test.ts): its target's multiple. */
  criticalRounds: number;
}

export interface NetworkFigure {
  name: string;
  timing: Timing;
  /** One bare round trip (SELECT 1 through the same client library, the same proxy, the same sqld), in turns with it. */
  oneRoundTrip: Timing;
  /** HTTP requests sqld received per warm request, counted by the proxy in front of it. */
  requests: number;
  criticalRounds: number;
}

/** A real sqld serving a copy of a local database file (checkpointed by the caller), as a deployed function's would. */
export async function startSqldWith(file: string): Promise<Sqld & { removeData(): void }> {
  const folder = mkdtempSync(join(tmpdir(), 'bench-sqld-'));
  const dbPath = join(folder, 'data.sqld');
  mkdirSync(join(dbPath, 'dbs', 'default'), { recursive: true });
  copyFileSync(file, join(dbPath, 'dbs', 'default', 'data'));
  const sqld = await startSqld({ dbPath, startTimeoutMs: 60_000 });
  return Object.assign(sqld, { removeData: () => rmSync(folder, { recursive: true, force: true }) });
}

function loadCopy(bundle: string, label: string): BundledHandler {
  const copy = bundle.replace(/\.js$/, `.sqld-${label.replace(/\W+/g, '-')}.js`);
  copyFileSync(bundle, copy);
  return (require(copy) as { handler: BundledHandler }).handler;
}

async function invokeExpecting(handler: BundledHandler, name: string, event: APIGatewayProxyEventV2, status: number | number[]) {
  const result = await handler(event, lambdaContext(), { signal: new AbortController().signal });
  if (![status].flat().includes(result.statusCode))
    throw new Error(`${name}: expected ${String(status)}, got ${result.statusCode}: ${result.body}`);
}

/** Runs `body` with DATABASE_URL pointing at `url`, for bundles loaded inside it (each reads it on its first call). */
async function withDatabaseUrl<T>(url: string, body: () => Promise<T>): Promise<T> {
  const was = process.env.DATABASE_URL;
  process.env.DATABASE_URL = url;
  try {
    return await body();
  } finally {
    process.env.DATABASE_URL = was;
  }
}

/**
 * Warm requests of each function on the deployed path: its own client, over HTTP, to a real sqld, through the
 * counting proxy, which adds `latencyMs` to each request (the network between a Lambda and its database) and counts
 * what sqld receives. Each route is timed in turns with one bare round trip, so a loaded machine weighs on both alike.
 */
export async function timeOnSqld(
  sqld: Sqld,
  scenarios: NetworkScenario[],
  { latencyMs = 0, calls = 200, warmup = 20 } = {},
): Promise<NetworkFigure[]> {
  const proxy = await startCountingProxy({ target: sqld.url, ...(latencyMs > 0 ? { wait: latency(latencyMs) } : {}) });
  const probe = createClient({ url: proxy.url, intMode: 'number' });
  const figures: NetworkFigure[] = [];
  try {
    await withDatabaseUrl(proxy.url, async () => {
      for (const scenario of scenarios) {
        const handler = loadCopy(scenario.bundle, `${scenario.name}-${latencyMs}`);
        const invoke = (i: number) => invokeExpecting(handler, scenario.name, scenario.event(i), scenario.status);
        await invoke(0); // the cold start: the container opens its client and checks its migrations
        let requests = 0;
        const counted = async (i: number) => {
          const before = proxy.requests;
          await invoke(i);
          requests += proxy.requests - before;
        };
        const { subject, floor } = await timeAgainstFloor(counted, () => probe.execute('SELECT 1'), calls, { block: 20, warmup });
        figures.push({
          name: scenario.name,
          timing: subject,
          oneRoundTrip: floor,
          requests: requests / (calls + warmup),
          criticalRounds: scenario.criticalRounds,
        });
      }
    });
  } finally {
    probe.close();
    await proxy.close();
  }
  return figures;
}

export interface IdleFigure {
  transport: 'http' | 'ws';
  gapMs: number;
  /** The first invocation after each idle gap. */
  p50: number;
  max: number;
  failures: number;
  /** Requests (HTTP) or connections (WebSocket) sqld saw per invocation. */
  perInvocation: number;
}

/**
 * A Lambda-like container: one function's handler (so one client) reused across invocations with idle gaps between
 * them, over HTTP (http://) and over WebSocket (ws://), each through the counting proxy to the same sqld.
 */
export async function timeAfterIdleGaps(
  sqld: Sqld,
  scenario: Omit<NetworkScenario, 'criticalRounds'>,
  { gapsMs, samples }: { gapsMs: number[]; samples: number },
): Promise<IdleFigure[]> {
  const figures: IdleFigure[] = [];
  for (const transport of ['http', 'ws'] as const) {
    const proxy: CountingProxy = await startCountingProxy({ target: sqld.url });
    try {
      const url = transport === 'http' ? proxy.url : proxy.url.replace(/^http/, 'ws');
      await withDatabaseUrl(url, async () => {
        const handler = loadCopy(scenario.bundle, `idle-${transport}`);
        const invoke = (i: number) => invokeExpecting(handler, scenario.name, scenario.event(i), scenario.status);
        await invoke(0);
        for (let i = 1; i <= 10; i++) await invoke(i);
        for (const gapMs of gapsMs) {
          const times: number[] = [];
          let failures = 0;
          const seen = () => (transport === 'http' ? proxy.requests : proxy.webSockets);
          const before = seen();
          for (let s = 0; s < samples; s++) {
            await new Promise((resolve) => setTimeout(resolve, gapMs));
            const started = performance.now();
            try {
              await invoke(s);
            } catch {
              failures++;
            }
            times.push(performance.now() - started);
          }
          const sorted = Float64Array.from(times).sort();
          figures.push({
            transport,
            gapMs,
            p50: percentile(sorted, 50),
            max: sorted[sorted.length - 1]!,
            failures,
            perInvocation: (seen() - before) / samples,
          });
        }
      });
    } finally {
      await proxy.close();
    }
  }
  return figures;
}
