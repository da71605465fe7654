// Jest's node environment that, in Stryker's dry run, notes the full name of every test the file runs (named as
// Stryker names them), so that each mutant run loads only the files holding its covering tests (sequencer.cjs);
// in a mutant run, it skips the files after a failure (mutantRunBail.cjs).
const { TestEnvironment } = require('jest-environment-node');
const { mutantRunBail } = require('./mutantRunBail.cjs');
const { isDryRun, recordTests } = require('./recordedTests.cjs');

function describeName(block) {
  return block.parent ? `${describeName(block.parent)} ${block.name}`.trimStart() : '';
}

class RecordingEnvironment extends TestEnvironment {
  #rootDir;
  #testPath;
  #tests = [];

  constructor(config, context) {
    super(config, context);
    this.#rootDir = config.projectConfig.rootDir;
    this.#testPath = context.testPath;
  }

  async handleTestEvent(event, state) {
    if (!isDryRun()) mutantRunBail.handle(event, state);
    else if (event.name === 'test_start') this.#tests.push(`${describeName(event.test.parent)} ${event.test.name}`.trimStart());
  }

  async teardown() {
    if (isDryRun() && this.#tests.length > 0) recordTests(this.#rootDir, this.#testPath, this.#tests);
    await super.teardown();
  }
}

module.exports = RecordingEnvironment;
