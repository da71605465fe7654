// Stryker's Jest runner runs a mutant with a testNamePattern naming its covering tests, but Jest would still load
// every test file related to the mutated file (tens of files, seconds each time) only to skip their tests. This
// sequencer keeps the files that hold a named test, as the dry run recorded them (recordingEnvironment.cjs), and
// loads first those most likely to fail (killingOrder.cjs): after a failure the run skips the rest (mutantRunBail.cjs).
const Sequencer = require('@jest/test-sequencer').default;
const { coveringTestFiles } = require('./coveringTestFiles.cjs');
const { killingOrder } = require('./killingOrder.cjs');
const { mutantRunBail } = require('./mutantRunBail.cjs');
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
    mutantRunBail.startRun();
    // Stryker names the mutated file (in its sandbox) as Jest's one argument, with --findRelatedTests.
    const { testNamePattern, rootDir, nonFlagArgs = [] } = this.#globalConfig;
    const files = coveringTestFiles(testNamePattern, recordedTests(rootDir));
    const covering = files ? sorted.filter(({ path }) => files.has(path)) : sorted;
    const byPath = new Map(covering.map((test) => [test.path, test]));
    return killingOrder([...byPath.keys()], nonFlagArgs, rootDir).map((path) => byPath.get(path));
  }
}

module.exports = CoveringTestFilesSequencer;
