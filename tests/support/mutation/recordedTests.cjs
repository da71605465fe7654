// Which tests each test file ran in Stryker's dry run, kept in the sandbox (a fresh copy of the project per run)
// for the mutant runs that follow, in the other test runner process too.
const { appendFileSync, existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const recordFile = (rootDir) => join(rootDir, '.mutation-dry-run-tests.jsonl');

/** Stryker names the active mutant in this variable during a mutant run; the dry run has none. */
const isDryRun = () => process.env.__STRYKER_ACTIVE_MUTANT__ === undefined;

function recordTests(rootDir, file, tests) {
  appendFileSync(recordFile(rootDir), `${JSON.stringify({ file, tests })}\n`);
}

function recordedTests(rootDir) {
  const path = recordFile(rootDir);
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

module.exports = { isDryRun, recordTests, recordedTests };
