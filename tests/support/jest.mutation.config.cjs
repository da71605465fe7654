// The Jest config Stryker runs each mutant against (stryker.config.mjs): the unit and handler projects of
// jest.config.js as one flat config. e2e starts serverless-offline, far too slow per mutant, and Stryker's per-test
// coverage swaps the test environment of a top-level config only, not of each project.
const path = require('node:path');
const { projects } = require('../../jest.config.js');

const fastProjects = projects.filter(({ displayName }) => displayName === 'unit' || displayName === 'handlers');
// The two share everything but their name and testMatch.
const { displayName: _name, testMatch: _match, ...shared } = fastProjects[0];

module.exports = {
  ...shared,
  rootDir: path.resolve(__dirname, '../..'),
  testMatch: fastProjects.flatMap(({ testMatch }) => testMatch),
  // The docs' tests read what git tracks, and a sandbox is a copy git does not track; no mutant of lib changes a doc.
  // The bundles' budgets measure the sandbox's instrumented code, a third larger than what ships.
  testPathIgnorePatterns: ['/node_modules/', '/tests/unit/docs/', '/tests/unit/build/bundleSize\\.test\\.ts$'],
  // Each mutant run loads only the test files that hold its covering tests (see the sequencer).
  // Absolute paths: Stryker loads the environment itself, where Jest's <rootDir> means nothing.
  testEnvironment: path.join(__dirname, 'mutation', 'recordingEnvironment.cjs'),
  testSequencer: path.join(__dirname, 'mutation', 'sequencer.cjs'),
  // …and stops loading them after the first failure (bailingRunner.cjs).
  runner: path.join(__dirname, 'mutation', 'bailingRunner.cjs'),
};
