import { join } from 'node:path';
import { serverlessFunctions } from '../../../scripts/serverless/contracts';

/**
 * The largest file the import takes (1 MiB of the shortest rows that each name a film, about 38,000 ratings) took
 * 3.6 s in `npm run bench portable` on a loaded machine: more than half the provider's 10 s, so the import's function
 * gets getMovie's 20 s (API Gateway gives up at 30 s).
 */
describe('the import function', () => {
  it('has 20 seconds, not the default 10', () => {
    expect(serverlessFunctions(join(__dirname, '..', '..', '..')).importMyRatings?.timeout).toBe(20);
  });
});
