import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

export interface Timing {
  p50: number;
  p99: number;
  n: number;
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

function summarise(samples: number[]): Timing {
  const sorted = Float64Array.from(samples).sort();
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), n: sorted.length };
}

type Call = (i: number) => Promise<unknown>;

/**
 * Times a subject and its floor in alternating blocks, after a warm-up, so that drift on a noisy machine
 * (another process, a WAL checkpoint) falls on both sides alike. Milliseconds.
 */
export async function timeAgainstFloor(
  subject: Call,
  floor: Call,
  calls: number,
  { block = 100, warmup = Math.min(200, calls) }: { block?: number; warmup?: number } = {},
): Promise<{ subject: Timing; floor: Timing }> {
  for (let i = 0; i < warmup; i++) {
    await floor(i);
    await subject(i);
  }
  const subjectSamples: number[] = [];
  const floorSamples: number[] = [];
  for (let done = 0; done < calls; done += block) {
    for (const [call, samples] of [
      [floor, floorSamples],
      [subject, subjectSamples],
    ] as const) {
      for (let i = done; i < Math.min(calls, done + block); i++) {
        const started = performance.now();
        await call(i);
        samples.push(performance.now() - started);
      }
    }
  }
  return { subject: summarise(subjectSamples), floor: summarise(floorSamples) };
}

export async function time(call: Call, calls: number, warmup = 50): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await call(i);
  const samples: number[] = [];
  for (let i = 0; i < calls; i++) {
    const started = performance.now();
    await call(i);
    samples.push(performance.now() - started);
  }
  return summarise(samples);
}

export const ms = (value: number) => (value < 1 ? value.toFixed(3) : value < 10 ? value.toFixed(2) : value.toFixed(1));

/** The machine's load average over 1, 5 and 15 minutes, for figures taken on a shared machine. */
export const loadAverages = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(', ');
