import { killingOrder } from '../../support/mutation/killingOrder.cjs';

// A mutant run stops at its first failing test file (bail), so the files most likely to fail go first: the unit
// tests of the mutated module's folder, then the other unit tests, then the handler tests.
describe('the order a mutant run loads its test files in', () => {
  const root = '/repo';
  const files = [
    '/repo/tests/handlers/movies.test.ts',
    '/repo/tests/unit/http/etag.test.ts',
    '/repo/tests/unit/db/migrate.test.ts',
    '/repo/tests/handlers/auth.test.ts',
    '/repo/tests/unit/config.test.ts',
  ];

  it("puts the mutated module's own unit tests first, then other unit tests, then handler tests", () => {
    expect(killingOrder(files, ['/repo/.stryker-tmp/sandbox-1/lib/db/migrate.ts'], root)).toEqual([
      '/repo/tests/unit/db/migrate.test.ts',
      '/repo/tests/unit/http/etag.test.ts',
      '/repo/tests/unit/config.test.ts',
      '/repo/tests/handlers/movies.test.ts',
      '/repo/tests/handlers/auth.test.ts',
    ]);
  });

  it('keeps the given order within each group, and works with no mutated file named', () => {
    expect(killingOrder(files, [], root)).toEqual([
      '/repo/tests/unit/http/etag.test.ts',
      '/repo/tests/unit/db/migrate.test.ts',
      '/repo/tests/unit/config.test.ts',
      '/repo/tests/handlers/movies.test.ts',
      '/repo/tests/handlers/auth.test.ts',
    ]);
  });

  it('matches a nested folder by its path under lib, not by its last name alone', () => {
    const nested = ['/repo/tests/unit/migrations/x.test.ts', '/repo/tests/unit/db/y.test.ts'];
    expect(killingOrder(nested, ['/repo/lib/db/migrations/index.ts'], root)).toEqual([
      '/repo/tests/unit/db/y.test.ts',
      '/repo/tests/unit/migrations/x.test.ts',
    ]);
  });
});
