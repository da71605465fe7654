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

/**
 * The environment of a fresh process that stands for one function's Lambda runtime: the bench's, plus the function
 * name Lambda sets (so the module loads as in INIT) and IS_OFFLINE, as serverless-offline sets it, since the bench's
 * database is a local file, which the configuration refuses to a deployed Lambda.
 */
export const lambdaRuntimeEnvironment = (functionName: string): NodeJS.ProcessEnv => ({
  ...process.env,
  AWS_LAMBDA_FUNCTION_NAME: functionName,
  IS_OFFLINE: 'true',
});
