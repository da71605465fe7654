import { coveringTestFiles } from '../../support/mutation/coveringTestFiles.cjs';

// Stryker runs each mutant with a testNamePattern naming the tests that cover it: `(full name)|(full name)`.
describe('the test files that hold the tests a mutant run asks for', () => {
  const recorded = [
    { file: '/p/tests/unit/a.test.ts', tests: ['tokens signs a token', 'tokens refuses an expired token'] },
    { file: '/p/tests/handlers/b.test.ts', tests: ['POST /auth/token/ answers 200 with tokens'] },
    { file: '/p/tests/unit/c.test.ts', tests: ['passwords hash'] },
  ];

  it('keeps only the files holding a test whose full name matches the pattern', () => {
    expect(coveringTestFiles('(tokens refuses an expired token)|(passwords hash)', recorded)).toEqual(
      new Set(['/p/tests/unit/a.test.ts', '/p/tests/unit/c.test.ts']),
    );
  });

  it('matches as Jest does: case-insensitively, escaped characters literally', () => {
    expect(coveringTestFiles('(post /auth/token/ answers 200 with tokens)', recorded)).toEqual(new Set(['/p/tests/handlers/b.test.ts']));
    expect(coveringTestFiles('(POST /auth/token/ answers 2\\d\\d with tokens)', recorded)).toEqual(
      new Set(['/p/tests/handlers/b.test.ts']),
    );
  });

  it('runs everything (undefined) when there is no pattern, nothing recorded, or no recorded test matches', () => {
    expect(coveringTestFiles(undefined, recorded)).toBeUndefined();
    expect(coveringTestFiles('(tokens signs a token)', [])).toBeUndefined();
    expect(coveringTestFiles('(a test renamed since the dry run)', recorded)).toBeUndefined();
  });
});
