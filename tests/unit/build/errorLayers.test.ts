import { forbids } from '../../support/dependencyRules';

// Repositories report refusals as values; services turn them into domain errors; only lib/http knows how HTTP
// answers them (one table, lib/http/problemDetails.ts).
describe('errors by layer', () => {
  it.each([
    ['lib/repositories/sessionsRepository.ts', 'lib/errors.ts'],
    ['lib/repositories/throttleRepository.ts', 'lib/http/problemDetails.ts'],
    ['lib/services/authService.ts', 'lib/http/problemDetails.ts'],
  ])('forbids %s importing %s', (from, to) => {
    expect(forbids(from, to)).toBe(true);
  });

  it.each([
    ['lib/services/authService.ts', 'lib/errors.ts'],
    ['lib/http/problemDetails.ts', 'lib/errors.ts'],
    ['lib/db/boundedFetch.ts', 'lib/errors.ts'],
    ['lib/repositories/sessionsRepository.ts', 'lib/repositories/batchFailure.ts'],
  ])('lets %s import %s', (from, to) => {
    expect(forbids(from, to)).toBe(false);
  });
});
