/** The peers bench's pure rules: its targets, its ratios and the check that every contender answers the same bytes. */

export interface Verdict {
  ratio: number;
  met: boolean;
}

/** Issue 30: a fresh process's first answer, ours at most this many times each contender's. */
export const COLD_TARGETS = { express: 0.8, fastify: 0.6, hello: 2 } as const;
/** Issue 30: warm on sqld over HTTP, ours at most this many times each peer's p50. */
export const WARM_TARGET = 0.7;
/** Issue 30: over `npm start` with sqld, GET movie at least this many times GET health's requests per second. */
export const HTTP_TARGET = 0.85;

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Ratios are compared rounded to the hundredth the table prints, so a printed 0.70× never reads as a miss of 0.7. */
const ratioOf = (subject: number, yardstick: number) => Math.round((subject / yardstick) * 100) / 100;

/** Subject at most `most` times the yardstick (time: lower is better). */
export function notAbove(subject: number, yardstick: number, most: number): Verdict {
  const ratio = ratioOf(subject, yardstick);
  return { ratio, met: ratio <= most };
}

/** Subject at least `least` times the yardstick (throughput: higher is better). */
export function notBelow(subject: number, yardstick: number, least: number): Verdict {
  const ratio = ratioOf(subject, yardstick);
  return { ratio, met: ratio >= least };
}

/**
 * Every contender's answer to the same request, byte for byte, or the run stops: a peer that answered less (a field
 * missing, a number formatted otherwise) would be timed doing less work than ours.
 */
export function assertSameBodies(route: string, bodies: { ours: string | undefined } & Record<string, string | undefined>): void {
  const { ours, ...peers } = bodies;
  if (ours === undefined) throw new Error(`${route}: ours answered no body`);
  for (const [peer, body] of Object.entries(peers)) {
    if (body === ours) continue;
    let at = 0;
    while (body !== undefined && at < ours.length && at < body.length && body[at] === ours[at]) at++;
    throw new Error(
      `${route}: ${peer}'s body differs from ours at byte ${at}:\n  ours:   ${ours.slice(at, at + 80)}\n  ${peer}: ${body === undefined ? '(no body)' : body.slice(at, at + 80)}`,
    );
  }
}
