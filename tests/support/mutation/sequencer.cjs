// Stryker's Jest runner runs a mutant with a testNamePattern naming its covering tests, but Jest would still load
// every test file related to the mutated file (tens of files, seconds each time) only to skip their tests. This
// sequencer keeps the files that hold a named test, as the dry run recorded them (recordingEnvironment.cjs).
const Sequencer = require('@jest/test-sequencer').default;
const { coveringTestFiles } = require('./coveringTestFiles.cjs');
const { isDryRun, recordedTests } = require('./recordedTests.cjs');

class CoveringTestFilesSequencer extends Sequencer {
  #globalConfig;

  constructor(options) {
    super(options);
    this.#globalConfig = options.globalConfig;
  }

  sort(tests) {
    const sorted = super.sort(tests);
    if (isDryRun()) return sorted;
    const { testNamePattern, rootDir } = this.#globalConfig;
    const files = coveringTestFiles(testNamePattern, recordedTests(rootDir));
    return files ? sorted.filter(({ path }) => files.has(path)) : sorted;
  }
}

module.exports = CoveringTestFilesSequencer;
