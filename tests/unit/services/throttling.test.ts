import { createThrottleRepository } from '../../../lib/repositories/throttleRepository';
import { createFailureBackoff, createRateLimiter } from '../../../lib/services/throttling';
import { rateLimitHeaders } from '../../../lib/http/rateLimitHeaders';
import { createMemoryDatabase, createTempFileDatabase } from '../../support/database';

/** A clock the test moves by hand, so windows and waits pass without sleeping. */
const manualClock = (start = 1_700_000_000_000) => {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
};

describe('the shared rate limiter (a fixed window per key, counted in the database)', () => {
  const policy = { name: 'auth', limit: 3, windowSeconds: 60 };

  it('allows `limit` hits in a window, counting down what remains, then refuses with Retry-After', async () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ throttle: createThrottleRepository(await createMemoryDatabase()), now: clock.now });

    const decisions = [];
    for (let i = 0; i < 4; i++) {
      decisions.push(await limiter.consume(policy, '203.0.113.7'));
      clock.advance(10_000);
    }

    expect(decisions.map((d) => [d.allowed, d.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
      [false, 0],
    ]);
    expect(decisions[3]).toMatchObject({ resetSeconds: 30, retryAfterSeconds: 30 });
  });

  it('opens a new window once the old one has passed, and keeps clients apart', async () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ throttle: createThrottleRepository(await createMemoryDatabase()), now: clock.now });
    for (let i = 0; i < 4; i++) await limiter.consume(policy, 'a');

    expect((await limiter.consume(policy, 'b')).allowed).toBe(true);
    clock.advance(60_000);
    expect(await limiter.consume(policy, 'a')).toMatchObject({ allowed: true, remaining: 2, resetSeconds: 60 });
  });

  it('counts across instances sharing the database', async () => {
    const file = createTempFileDatabase();
    try {
      const [one, two] = await Promise.all([file.open(), file.open()]);
      const limiters = [one, two].map((db) => createRateLimiter({ throttle: createThrottleRepository(db) }));

      const decisions = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => limiters[i % 2]!.consume(policy, 'shared')));

      expect(decisions.filter((d) => d.allowed)).toHaveLength(3);
      one.close();
      two.close();
    } finally {
      file.remove();
    }
  });

  it('formats the IETF RateLimit-Policy and RateLimit headers, and Retry-After when refused', () => {
    const allowed = { allowed: true, policy, remaining: 2, resetSeconds: 42 };
    const refused = { allowed: false, policy, remaining: 0, resetSeconds: 17, retryAfterSeconds: 17 };

    expect(rateLimitHeaders(allowed)).toEqual({ 'ratelimit-policy': '"auth";q=3;w=60', ratelimit: '"auth";r=2;t=42' });
    expect(rateLimitHeaders(refused)).toEqual({ 'ratelimit-policy': '"auth";q=3;w=60', ratelimit: '"auth";r=0;t=17', 'retry-after': '17' });
  });
});

describe('the consecutive-failure backoff', () => {
  const setup = async () => {
    const clock = manualClock();
    const backoff = createFailureBackoff({
      throttle: createThrottleRepository(await createMemoryDatabase()),
      maxFailures: 3,
      now: clock.now,
    });
    return { clock, backoff };
  };
  const failTimes = async (backoff: Awaited<ReturnType<typeof setup>>['backoff'], key: string, times: number) => {
    for (let i = 0; i < times; i++) {
      expect(await backoff.admit(key)).toEqual({ admitted: true });
      await backoff.failed(key);
    }
  };

  it('admits attempts until `maxFailures` failures in a row, then refuses with a wait that doubles with each further failure, capped at 15 minutes', async () => {
    const { clock, backoff } = await setup();
    await failTimes(backoff, 'ann@example.com', 3);

    const waits: number[] = [];
    for (let i = 0; i < 14; i++) {
      const refused = await backoff.admit('ann@example.com');
      if (refused.admitted) throw new Error('expected a refusal');
      waits.push(refused.retryAfterSeconds);
      clock.advance(refused.retryAfterSeconds * 1000);
      await failTimes(backoff, 'ann@example.com', 1);
    }

    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900, 900]);
  });

  it('does not count a refused attempt as a failure', async () => {
    const { clock, backoff } = await setup();
    await failTimes(backoff, 'k', 3);
    for (let i = 0; i < 5; i++) await backoff.admit('k');

    clock.advance(1000);
    await failTimes(backoff, 'k', 1);
    expect(await backoff.admit('k')).toEqual({ admitted: false, retryAfterSeconds: 2 });
  });

  it('counts no attempt until it is known to have failed: admitted attempts alone never make a wait', async () => {
    const { backoff } = await setup();

    for (let i = 0; i < 10; i++) expect(await backoff.admit('k')).toEqual({ admitted: true });
  });

  it('forgets a run of failures a day old', async () => {
    const { clock, backoff } = await setup();
    await failTimes(backoff, 'k', 3);

    clock.advance(24 * 60 * 60 * 1000);
    await failTimes(backoff, 'k', 2);
    expect(await backoff.admit('k')).toEqual({ admitted: true });
    await backoff.failed('k');
    expect((await backoff.admit('k')).admitted).toBe(false);
  });

  it('starts again from nothing after a success, and keeps keys apart', async () => {
    const { backoff } = await setup();
    await failTimes(backoff, 'k', 3);
    expect((await backoff.admit('other')).admitted).toBe(true);

    await backoff.succeeded('k');

    await failTimes(backoff, 'k', 3);
  });
});
