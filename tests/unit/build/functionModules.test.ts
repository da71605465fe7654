import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Services } from '../../../lib/container';
import { modules } from '../../../lib/containerModules';
import { modulesOfFunction, modulesOfService, servicesNamedBy } from '../../../scripts/serverless/functionModules';
import { createTestServices } from '../../support/services';

type ModuleName = keyof typeof modules;

/**
 * A function's bundle holds the container modules of the services it can reach (scripts/serverless/functionModules.ts):
 * the table it reads must name every module each service is really built from, or a deployed function would find a
 * module missing on its first request.
 */
describe('the modules each service is built from', () => {
  afterEach(() => jest.restoreAllMocks());

  // Every module building a service requires is in the table (a service may reach more later, as the summaries reach
  // the rate limiter's on their first generation: the table names those too).
  it.each(Object.keys(modulesOfService) as (keyof Services)[])('%s: every module its building requires is in the table', async (name) => {
    const services = await createTestServices();
    const required = new Set<ModuleName>();
    for (const module of Object.keys(modules) as ModuleName[]) {
      const load = modules[module];
      jest.spyOn(modules, module).mockImplementation((() => {
        required.add(module);
        return load();
      }) as never);
    }

    void services[name];

    expect(modulesOfService[name]).toEqual(expect.arrayContaining([...required]));
  });
});

describe("a function's modules", () => {
  const source = (file: string) => readFileSync(join(__dirname, '..', '..', '..', 'functions', file), 'utf8');

  it('are those of the services its handler names, read from its Pick<Services, …>', () => {
    expect(servicesNamedBy(source('movies/getMovie.ts'))).toEqual(['movies', 'summaries']);
  });

  it('are, for a rating, the rating modules and those every function has, and no CSV, recommendation or movie module', () => {
    const kept = modulesOfFunction(source('ratings/createRating.ts'));

    expect(kept).toContain('ratingsRepository');
    expect(kept).toContain('requestCountRepository');
    expect(kept).toContain('authService');
    expect(kept).not.toContain('portableRatingsService');
    expect(kept).not.toContain('recommendationsRepository');
    expect(kept).not.toContain('moviesRepository');
  });
});
