import type { Client } from '@libsql/client';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { RequestDatabase } from '../../lib/db/requestDatabase';
import { chargeOf } from '../../lib/http/limitWrites';
import { createRatingsRepository } from '../../lib/repositories/ratingsRepository';
import { createThrottleRepository } from '../../lib/repositories/throttleRepository';
import { createUsersRepository } from '../../lib/repositories/usersRepository';
import { createPasswordHasher } from '../../lib/services/passwords';
import { createRateLimiter } from '../../lib/services/throttling';
import { countingCalls } from '../../harness/countingCalls';
import { httpEvent, lambdaContext } from '../../harness/events';
import { timeAgainstFloor, type Timing } from './stats';
import type { BundledHandler } from './types';

export interface WriteLimitCost {
  /** The createRating bundle called by a signed-in basic user, who counts against the write limit. */
  limitedRoute: Timing;
  /** The same route, same SQL, called by an admin, who is exempt. */
  exemptRoute: Timing;
  /** createRating's write carrying the write limit's count, as lib/http/limitWrites makes it. */
  limited: Timing;
  /** The same write alone. */
  unlimited: Timing;
  /** Database calls (round trips) one write makes, with the limit and without. */
  roundTrips: { limited: number; unlimited: number };
}

export interface WriteLimitBench {
  db: Client;
  createRating: BundledHandler;
  issueToken: BundledHandler;
  movieIds: readonly number[];
  calls: number;
}

async function call(handler: BundledHandler, event: APIGatewayProxyEventV2, expected: readonly number[]) {
  const result = await handler(event, lambdaContext(), { signal: new AbortController().signal });
  if (!expected.includes(result.statusCode)) throw new Error(`expected ${expected.join(' or ')}, got ${result.statusCode}: ${result.body}`);
  return result;
}

/** A basic user and an admin, signed in through the issueToken bundle. */
async function signedIn(db: Client, issueToken: BundledHandler) {
  const password = 'bench-write-limit-1';
  const passwordHash = await createPasswordHasher().hash(password);
  const users = createUsersRepository(db);
  const tokenOf = async (email: string, role: 'basic' | 'admin') => {
    await users.create({ email, username: email.split('@')[0]!, passwordHash, role });
    const answer = await call(issueToken, httpEvent({ method: 'POST', path: '/auth/token/', body: { email, password } }), [200]);
    return (JSON.parse(answer.body!) as { access_token: string }).access_token;
  };
  return { basic: await tokenOf('bench-writer@example.com', 'basic'), admin: await tokenOf('bench-admin@example.com', 'admin') };
}

/**
 * What the per-client write limit adds to createRating. The route: the createRating bundle called by a basic user
 * (counted) against the same bundle called by an admin (exempt), both re-rating the same movies through the same
 * SQL, in alternating blocks. The write: the anonymous rating's batch with the client's count riding in it (the
 * capped upsert, the decision read from its result) against the same batch alone, with the calls each makes.
 */
/** One client writing all along, as the bench's createRating does; a limit it never reaches. */
const BENCH_POLICY = { name: 'write', limit: 1_000_000, windowSeconds: 60 };

/**
 * The write limit as the handler applies it, for a floor made of the handler's own SQL: `counted(write)` runs the
 * write with the client's count riding in its batch (the charge lib/http/limitWrites gives a handler's first write).
 */
export function writeLimitCounting(db: Client) {
  // One request's database, reused call after call: each counted write is charged once, as a handler's first write is.
  const request = new RequestDatabase(db);
  const limiter = createRateLimiter({ throttle: createThrottleRepository(request.client) });
  return {
    db: request.client,
    counted: <T>(write: () => Promise<T>, client = 'ip:203.0.113.1') =>
      request.chargeFirstWrite(chargeOf(limiter.capped(BENCH_POLICY, client)), write),
  };
}

export async function measureWriteLimitCost({ db, createRating, issueToken, movieIds, calls }: WriteLimitBench): Promise<WriteLimitCost> {
  const tokens = await signedIn(db, issueToken);
  const rateAs = (token: string) => (i: number) =>
    call(
      createRating,
      httpEvent({
        method: 'POST',
        path: '/ratings/',
        headers: { authorization: `Bearer ${token}` },
        body: { movie: movieIds[i % movieIds.length], value: 1 + (i % 5) },
      }),
      [200, 201],
    );
  const route = await timeAgainstFloor(rateAs(tokens.basic), rateAs(tokens.admin), calls);

  const { client, counted } = countingCalls(db);
  const limit = writeLimitCounting(client);
  const ratings = createRatingsRepository(limit.db);
  const rate = (i: number) => ratings.insertAnonymous(movieIds[i % movieIds.length]!, 1 + (i % 5));

  const tripsOf = async (write: () => Promise<unknown>) => {
    const before = counted.calls;
    await write();
    return counted.calls - before;
  };
  const roundTrips = {
    limited: await tripsOf(() => limit.counted(() => rate(0))),
    unlimited: await tripsOf(() => rate(0)),
  };
  const timing = await timeAgainstFloor(
    (i) => limit.counted(() => rate(i)),
    (i) => rate(i),
    calls,
  );
  return { limitedRoute: route.subject, exemptRoute: route.floor, limited: timing.subject, unlimited: timing.floor, roundTrips };
}
