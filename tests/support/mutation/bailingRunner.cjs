// Jest's test runner for Stryker's mutant runs (jest.mutation.config.cjs): in a mutant run it runs the test files
// one at a time and loads none after the first failure, since one failing test is all Stryker needs to call the
// mutant killed and loading a file costs about as much as running it. Jest's own `bail` would exit the process,
// which is Stryker's worker. The dry run, which must see every test, runs as usual.
const TestRunner = require('jest-runner').default;
const { mutantRunBail } = require('./mutantRunBail.cjs');
const { isDryRun } = require('./recordedTests.cjs');

async function runUntilFailure(tests, runOne, hasFailed) {
  for (const test of tests) {
    if (hasFailed()) return;
    await runOne(test);
  }
}

class BailingRunner extends TestRunner {
  async runTests(tests, watcher, options) {
    if (isDryRun() || !options.serial) return super.runTests(tests, watcher, options);
    return runUntilFailure(
      tests,
      (test) => super.runTests([test], watcher, options),
      () => mutantRunBail.hasFailed(),
    );
  }
}

module.exports = BailingRunner;
module.exports.runUntilFailure = runUntilFailure;
