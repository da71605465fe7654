/**
 * A function run on a timer rather than by a request. Declared here like a route contract, and generated
 * into serverless.yml's functions with a `schedule` event (serverless-offline runs no schedules: `npm start`
 * and an `npm run` script do the same work locally).
 */
export interface ScheduledFunction {
  /** The Lambda's name; its handler is functions/<folder>/<functionName>.ts. */
  functionName: string;
  /** An EventBridge schedule expression. */
  schedule: string;
  timeout?: number;
}

/** Recomputes C, the catalogue's mean rating, and every score with it. */
export const refreshScoresSchedule = {
  functionName: 'refreshScores',
  schedule: 'rate(5 minutes)',
  timeout: 60,
} as const satisfies ScheduledFunction;

export const allSchedules: readonly ScheduledFunction[] = [refreshScoresSchedule];
