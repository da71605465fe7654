// Tests log nothing unless asked: set once for the whole run, never per test.
process.env.LOG_LEVEL ??= 'SILENT';

// Tests are TypeScript compiled by swc; @middy, jose and json-schema-ref-parser (openapi-backend's) ship only ES
// modules, so they are compiled too.
const transform = {
  '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  '^.+\\.sql$': '<rootDir>/tests/support/textTransform.cjs',
};
const shared = {
  transform,
  transformIgnorePatterns: ['/node_modules/(?!(@middy|jose|@apidevtools|openapi-backend/node_modules/@apidevtools)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json', 'sql'],
  testEnvironment: 'node',
  // Stryker's sandboxes (npm run mutation) hold a copy of the project; Jest leaves them alone.
  modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp/'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    { ...shared, displayName: 'handlers', testMatch: ['<rootDir>/tests/handlers/**/*.test.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/e2e/globalSetup.ts',
      globalTeardown: '<rootDir>/tests/e2e/globalTeardown.ts',
      setupFilesAfterEnv: ['<rootDir>/tests/e2e/setupTimeout.ts'],
    },
  ],
};
