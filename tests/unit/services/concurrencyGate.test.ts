import { ServiceBusy } from '../../../lib/errors';
import { createConcurrencyGate } from '../../../lib/services/concurrencyGate';

/** Work the test finishes by hand. */
const deferred = () => {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { done, finish };
};

describe('the password-hashing gate (at most `limit` at once per instance, a short queue)', () => {
  afterEach(() => jest.useRealTimers());

  it('runs at most `limit` pieces of work at once, starting a queued one when a slot frees', async () => {
    const gate = createConcurrencyGate({ limit: 2, maxWaitMs: 1000 });
    const works = [deferred(), deferred(), deferred()];
    const started: number[] = [];

    const runs = works.map((work, i) => gate.run(async () => (started.push(i), work.done)));
    await Promise.resolve();
    expect(started).toEqual([0, 1]);

    works[0]!.finish();
    await runs[0];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    works[1]!.finish();
    works[2]!.finish();
    await Promise.all(runs);
  });

  it('answers 503 with Retry-After to work that cannot start within maxWaitMs, and never starts it', async () => {
    jest.useFakeTimers();
    const gate = createConcurrencyGate({ limit: 1, maxWaitMs: 1000 });
    const busy = deferred();
    void gate.run(() => busy.done);
    const late = jest.fn(async () => undefined);

    const refused = gate.run(late);
    jest.advanceTimersByTime(1000);

    await expect(refused).rejects.toBeInstanceOf(ServiceBusy);
    await expect(refused).rejects.toMatchObject({ retryAfterSeconds: 1 });
    busy.finish();
    await Promise.resolve();
    expect(late).not.toHaveBeenCalled();
  });

  it('drops queued work whose request was answered (its signal aborted), without starting it', async () => {
    const gate = createConcurrencyGate({ limit: 1, maxWaitMs: 10_000 });
    const busy = deferred();
    const first = gate.run(() => busy.done);
    const answered = new AbortController();
    const abandoned = jest.fn(async () => undefined);

    const dropped = gate.run(abandoned, answered.signal);
    answered.abort();

    await expect(dropped).rejects.toThrow(/abandoned/);
    busy.finish();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    expect(abandoned).not.toHaveBeenCalled();
    expect(gate.waiting).toBe(0);
  });

  it('refuses at once work whose signal is already aborted', async () => {
    const gate = createConcurrencyGate({ limit: 1, maxWaitMs: 1000 });
    const work = jest.fn(async () => undefined);

    await expect(gate.run(work, AbortSignal.abort())).rejects.toThrow(/abandoned/);
    expect(work).not.toHaveBeenCalled();
  });
});
