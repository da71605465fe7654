/**
 * The verdict of `npm run bench compare`: is a route slower after the change than before, beyond what the machine's
 * noise alone would move it? The noise is read from the run itself, block to block.
 */
import { percentile } from '../stats';

export type CompareVerdict = 'slower beyond noise' | 'faster beyond noise' | 'within noise';

/** Never call a difference this small real, however steady the blocks were: a run this short cannot show 3 %. */
export const MIN_MARGIN = 0.03;

/**
 * How much one tree's block p50s wander on their own: their interquartile range over their median. The same code
 * timed in block after block moves this much just from what else the shared machine was doing.
 */
export function blockSpread(blockP50s: readonly number[]): number {
  const sorted = Float64Array.from(blockP50s).sort();
  const median = percentile(sorted, 50);
  return (percentile(sorted, 75) - percentile(sorted, 25)) / median;
}

/**
 * The after/before p50 ratio beyond which a route counts as slower. A tree's block p50s wander by its spread; the
 * p50 of all n blocks together wanders about √n times less, and the ratio carries both trees' wander: so the
 * threshold is 1 plus twice the wider spread over √n (n the fewer blocks of the two), at least MIN_MARGIN. For
 * normal noise that is about two standard errors of the difference (an IQR is about 1.35 standard deviations).
 */
export function noiseThreshold(beforeBlockP50s: readonly number[], afterBlockP50s: readonly number[]): number {
  const blocks = Math.min(beforeBlockP50s.length, afterBlockP50s.length);
  const wider = Math.max(blockSpread(beforeBlockP50s), blockSpread(afterBlockP50s));
  return 1 + Math.max((2 * wider) / Math.sqrt(blocks), MIN_MARGIN);
}

/** Slower beyond the threshold, faster beyond its inverse, and within noise between them (both bounds included). */
export function compareVerdict(ratio: number, threshold: number): CompareVerdict {
  if (ratio > threshold) return 'slower beyond noise';
  if (ratio < 1 / threshold) return 'faster beyond noise';
  return 'within noise';
}
