// Mutation testing (docs/TESTING.md): `npm run mutation` or `npm run mutation -- lib/db` for one folder or file.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: { projectType: 'custom', configFile: 'tests/support/jest.mutation.config.cjs' },
  mutate: [
    'lib/db/**/*.ts',
    'lib/llm/**/*.ts',
    'lib/repositories/**/*.ts',
    'lib/http/**/*.ts',
    'lib/services/**/*.ts',
    'lib/requestGuard.ts',
    'lib/container.ts',
  ],
  coverageAnalysis: 'perTest',
  // A timeout counts as a kill, so it must mean a hang, not a busy machine: niced on 2 shared cores, a run of a few
  // test files can take several seconds (Stryker's default allows 5 s over the dry run's time).
  timeoutMS: 30000,
  // The machine has 2 cores; `nice -n 19` in the npm script keeps everyone else's test runs first.
  concurrency: 2,
  // The committed result file lets a later run re-test only the mutants whose code or covering tests changed.
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  ignorePatterns: ['.data', '.build', '.esbuild', '.serverless', 'coverage', 'test-output', 'reports', '*.db*'],
  // Static mutants (module-level code, code run in beforeAll) are tested too, against every related test file:
  // slower, but with ignoreStatic a mutant also reached inside some test is run against that test alone, and the
  // tests that do check it (having loaded the module at the top of their file) never see it.
  ignoreStatic: false,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
