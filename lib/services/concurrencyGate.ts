import { availableParallelism } from 'node:os';
import { ServiceBusy } from '../errors';

export interface ConcurrencyGateOptions {
  /** Pieces of work running at once; the instance's cores by default. */
  limit?: number;
  /** How long work may wait for a slot before it is refused with 503. */
  maxWaitMs?: number;
}

interface Waiting {
  start: () => void;
  refuse: (error: Error) => void;
}

/** Raised for work dropped because its request was answered before it could start; nobody is waiting for it. */
class Abandoned extends Error {
  override name = 'AbortError';
}

/**
 * A per-instance gate on CPU-bound work (password hashing): at most `limit` pieces run at once, the rest
 * wait in order, each at most `maxWaitMs`, after which it is refused with 503 and Retry-After, fast. Work
 * whose request has already been answered (its signal aborted) leaves the queue without starting, so a
 * burst never leaves hashes burning for requests nobody waits for.
 */
export function createConcurrencyGate({ limit = availableParallelism(), maxWaitMs = 1000 }: ConcurrencyGateOptions = {}) {
  let running = 0;
  const queue: Waiting[] = [];

  const startNext = () => {
    const next = queue.shift();
    if (next) next.start();
  };

  const slot = (signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new Abandoned('work abandoned: its request was already answered'));
      if (running < limit && queue.length === 0) {
        running++;
        return resolve();
      }
      const leave = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const index = queue.indexOf(waiting);
        if (index >= 0) queue.splice(index, 1);
      };
      const waiting: Waiting = {
        start: () => {
          leave();
          running++;
          resolve();
        },
        refuse: (error) => {
          leave();
          reject(error);
        },
      };
      const timer = setTimeout(() => waiting.refuse(new ServiceBusy('too many password checks at once; try again shortly', 1)), maxWaitMs);
      const onAbort = () => waiting.refuse(new Abandoned('work abandoned: its request was already answered'));
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(waiting);
    });

  return {
    async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      await slot(signal);
      try {
        return await work();
      } finally {
        running--;
        startNext();
      }
    },
    get active() {
      return running;
    },
    get waiting() {
      return queue.length;
    },
  };
}

export type ConcurrencyGate = ReturnType<typeof createConcurrencyGate>;
