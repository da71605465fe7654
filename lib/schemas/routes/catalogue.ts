import type { ScheduledFunction } from './contract';

// The catalogue's contracts: it answers no route of its own (the films are the movies routes'), and refreshes its
// scores on a schedule. Listed in scheduleModules (./index.ts), not routeModules: a schedule is no HTTP route.

/** Recomputes C, the catalogue's mean rating, and every score with it. */
export const refreshScoresSchedule = {
  functionName: 'refreshScores',
  schedule: 'rate(5 minutes)',
  timeout: 60,
  scheduleFromEnv: 'SCORE_REFRESH_RATE',
} as const satisfies ScheduledFunction;
