/**
 * The test files a mutant run needs, from the pattern Stryker gives Jest (`(full name)|(full name)`) and the full
 * test names each file ran in the dry run. Undefined means "run every file": nothing to go by, or a pattern that
 * matches no recorded test, which must never silently turn into running nothing.
 */
function coveringTestFiles(testNamePattern, recorded) {
  if (!testNamePattern || recorded.length === 0) return undefined;
  const pattern = new RegExp(testNamePattern, 'i'); // as jest-circus matches it
  const files = new Set(recorded.filter(({ tests }) => tests.some((name) => pattern.test(name))).map(({ file }) => file));
  return files.size === 0 ? undefined : files;
}

module.exports = { coveringTestFiles };
