// Stryker needs one failing test to call a mutant killed, but a mutant run loads every test file that covers it: a
// static mutant (module-level code, code run in beforeAll) runs all of them. Jest's own `bail` exits the process,
// which is Stryker's worker, so a mutant run bails itself: once a test or hook has failed, each later file of the
// same run marks all its tests skipped before they start, and Jest then runs none of its hooks either; the tests
// left in the failing file are skipped as they come.
// One instance per process, shared by the sequencer (a run starts) and the test environment (events): under
// runInBand both are loaded once, in Stryker's worker.

function skipAll(block) {
  block.mode = 'skip';
  for (const child of block.children ?? []) skipAll(child);
}

class MutantRunBail {
  #failed = false;

  startRun() {
    this.#failed = false;
  }

  hasFailed() {
    return this.#failed;
  }

  handle(event, state) {
    if (event.name === 'run_start' && this.#failed) skipAll(state.rootDescribeBlock);
    else if (event.name === 'test_start' && this.#failed) event.test.mode = 'skip';
    else if (event.name === 'hook_failure' || (event.name === 'test_done' && event.test.errors.length > 0)) {
      this.#failed = true;
    }
  }
}

module.exports = { MutantRunBail, mutantRunBail: new MutantRunBail() };
