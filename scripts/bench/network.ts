import { copyFileSync } from 'node:fs';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { lambdaContext } from '../../tests/support/events';
import { startLibsqlServer } from '../../tests/support/libsqlServer';
import { createClient } from '@libsql/client/web';
import { timeAgainstFloor, type Timing } from './stats';
import type { BundledHandler } from './types';

export interface NetworkScenario {
  name: string;
  /** The function's bundle; a copy of it is loaded, so it opens the database anew, as another container would. */
  bundle: string;
  event: (i: number) => APIGatewayProxyEventV2;
  /** The status expected, or those: a user rating a movie again is answered 200, the first time 201. */
  status: number | number[];
}

export interface NetworkFigure {
  name: string;
  timing: Timing;
  /** One round trip alone (SELECT 1 through the same client library to the same server), timed in turns with it. */
  oneRoundTrip: Timing;
  /** HTTP requests to the database per warm request: each one a round trip. */
  roundTrips: number;
}

/**
 * Warm requests of each function as deployed: its database behind a libSQL server (the loopback one, speaking
 * Hrana over HTTP as Turso does) that answers each request `delayMs` late, for the network between a Lambda and
 * its database. A route that waits for one round trip takes a little over `delayMs`; each further one adds as much.
 */
export async function timeOverTheNetwork(
  file: string,
  scenarios: NetworkScenario[],
  { delayMs = 20, calls = 200, warmup = 20 } = {},
): Promise<NetworkFigure[]> {
  const server = await startLibsqlServer({ file, delayMs });
  const localUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = server.url;
  const figures: NetworkFigure[] = [];
  const probe = createClient({ url: server.url, intMode: 'number' });
  try {
    for (const scenario of scenarios) {
      const copy = scenario.bundle.replace(/\.js$/, `.network-${scenario.name.replace(/\W+/g, '-')}.js`);
      copyFileSync(scenario.bundle, copy);
      const { handler } = require(copy) as { handler: BundledHandler };
      const invoke = async (i: number) => {
        const result = await handler(scenario.event(i), lambdaContext(), { signal: new AbortController().signal });
        if (![scenario.status].flat().includes(result.statusCode))
          throw new Error(`${scenario.name}: expected ${scenario.status}, got ${result.statusCode}: ${result.body}`);
      };
      await invoke(0); // the cold start: the container opens its client and checks its migrations
      let requests = 0;
      const counted = async (i: number) => {
        const before = server.requests;
        await invoke(i);
        requests += server.requests - before;
      };
      // In turns with a lone round trip, so a loaded machine (late timers, slow loopback) weighs on both alike.
      const { subject, floor } = await timeAgainstFloor(counted, () => probe.execute('SELECT 1'), calls, { block: 20, warmup });
      figures.push({ name: scenario.name, timing: subject, oneRoundTrip: floor, roundTrips: requests / (calls + warmup) });
    }
  } finally {
    probe.close();
    process.env.DATABASE_URL = localUrl;
    await server.close();
  }
  return figures;
}
