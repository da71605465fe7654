// Mutation testing (docs/TESTING.md): `npm run mutation` or `npm run mutation -- lib/db` for one folder or file.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { projects } = require('./jest.config.js');

// Each mutant runs the unit and handler tests that cover it; e2e starts serverless-offline, far too slow per mutant.
const fastProjects = projects.filter(({ displayName }) => displayName === 'unit' || displayName === 'handlers');
// Stryker's per-test coverage swaps the test environment of the top-level Jest config only, so the two projects,
// which differ in nothing but their name and testMatch, run here as one flat config.
const { displayName: _name, testMatch: _match, ...sharedJestConfig } = fastProjects[0];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    config: { ...sharedJestConfig, projects: undefined, testMatch: fastProjects.flatMap(({ testMatch }) => testMatch) },
  },
  mutate: [
    'lib/db/**/*.ts',
    'lib/llm/**/*.ts',
    'lib/repositories/**/*.ts',
    'lib/http/**/*.ts',
    'lib/services/**/*.ts',
  ],
  coverageAnalysis: 'perTest',
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
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
