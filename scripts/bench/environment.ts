/** The one signing secret of every bench: the handlers it loads and the tokens it makes must agree on it. */
export const BENCH_SECRET = 'bench-secret-bench-secret-bench-secret-0123';

/**
 * The environment bundled handlers read once, as a Lambda container's: production, silent, and a write limit the
 * bench never meets, so each figure is the work alone.
 */
export function useBenchEnvironment(databaseUrl: string): void {
  Object.assign(process.env, {
    NODE_ENV: 'production',
    JWT_SECRET: BENCH_SECRET,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'SILENT',
    WRITE_RATE_PER_MINUTE: '1000000',
  });
}
