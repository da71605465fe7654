/** The peers bench's pure rules: its targets, its ratios and the check that every contender answers the same bytes. */

export interface Verdict {
  ratio: number;
  met: boolean;
}

export const COLD_TARGETS = {} as { express: number; fastify: number; hello: number };

export function median(_values: readonly number[]): number {
  throw new Error('not yet');
}

export function notAbove(_subject: number, _yardstick: number, _most: number): Verdict {
  throw new Error('not yet');
}

export function notBelow(_subject: number, _yardstick: number, _least: number): Verdict {
  throw new Error('not yet');
}

export function assertSameBodies(_route: string, _bodies: { ours: string | undefined } & Record<string, string | undefined>): void {}
