/**
 * A function run on a timer rather than by a request. Declared here like a route contract, and generated
 * into serverless.yml's functions with a `schedule` event. Deployed, EventBridge runs it; under `npm start`
 * serverless-offline (v13) runs the same event while it serves, as a cron: `rate(N minutes)` fires at every
 * multiple of N minutes on the clock.
 */
export interface ScheduledFunction {
  /** The Lambda's name; its handler is functions/<folder>/<functionName>.ts. */
  functionName: string;
  /** An EventBridge schedule expression. */
  schedule: string;
  timeout?: number;
  /**
   * An environment variable that, when set where serverless reads its configuration (package, deploy, offline),
   * replaces `schedule`: e.g. `rate(1 minute)` for a test that waits for a run while serverless-offline serves.
   */
  scheduleFromEnv?: string;
}

/** Recomputes C, the catalogue's mean rating, and every score with it. */
export const refreshScoresSchedule = {
  functionName: 'refreshScores',
  schedule: 'rate(5 minutes)',
  timeout: 60,
  scheduleFromEnv: 'SCORE_REFRESH_RATE',
} as const satisfies ScheduledFunction;

export const allSchedules: readonly ScheduledFunction[] = [refreshScoresSchedule];
