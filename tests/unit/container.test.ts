import { createServices, prepareServices } from '../../lib/container';
import { parseConfig } from '../../lib/config';
import { createMemoryDatabase, createTempFileDatabase } from '../support/database';
import { fakeSummaryGenerator, silentLogger } from '../support/services';

describe('prepareServices (once per container)', () => {
  const build = async (env: Record<string, string>) => {
    const logger = silentLogger();
    const services = createServices({
      config: parseConfig({ NODE_ENV: 'development', ...env }),
      db: await createMemoryDatabase(),
      logger,
      generator: fakeSummaryGenerator(),
      passwordCost: { log2N: 10 },
    });
    return { services, logger };
  };

  it('warns that JWT_SECRET was generated, and stays quiet when it was given', async () => {
    const generated = await build({});
    const given = await build({ JWT_SECRET: 'y'.repeat(40) });

    await prepareServices(generated.services);
    await prepareServices(given.services);

    expect(generated.logger.warn).toHaveBeenCalledWith(expect.stringContaining('JWT_SECRET'));
    expect(given.logger.warn).not.toHaveBeenCalled();
  });

  it('ensures the admin from ADMIN_EMAIL and ADMIN_PASSWORD', async () => {
    const { services } = await build({ JWT_SECRET: 'y'.repeat(40), ADMIN_EMAIL: 'Root@Example.com', ADMIN_PASSWORD: 'root-password-1' });

    await prepareServices(services);

    await expect(services.auth.signIn('root@example.com', 'root-password-1')).resolves.toMatchObject({ user: { role: 'admin' } });
  });
});

describe('servicesFor (one container per profile, decided by the contract)', () => {
  const load = () => {
    let container: typeof import('../../lib/container') | undefined;
    jest.isolateModules(() => {
      container = require('../../lib/container') as typeof import('../../lib/container');
    });
    return container!;
  };
  const file = createTempFileDatabase();
  beforeAll(() => {
    process.env.DATABASE_URL = file.url;
    process.env.JWT_SECRET = 'container-test-secret-long-enough-to-use';
  });
  afterAll(() => file.remove());

  it('gives a function whose contract writes summaries a summary writer, and one that does not none', async () => {
    const { servicesFor } = load();
    const writer = await servicesFor({ functionName: 'reads', writesSummaries: true })();
    const plain = await servicesFor({ functionName: 'lists' })();
    const movie = await writer.movies.create({ title: 'Heat', year: 1995 });

    expect((await writer.summaries.withSummary(movie)).summary_source).toBe('facts');
    const unwritten = await plain.summaries.withSummary({ ...movie, id: (await plain.movies.create({ title: 'Ronin' })).id });
    expect(unwritten.summary).toBeNull();
  });

  it('builds one container per profile and hands it to every function of that profile', async () => {
    const { servicesFor } = load();

    const [a, b, c] = await Promise.all([
      servicesFor({ functionName: 'one' })(),
      servicesFor({ functionName: 'two', writesSummaries: false })(),
      servicesFor({ functionName: 'three', writesSummaries: true })(),
    ]);

    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('builds each service once, and hands out services only, never the database', async () => {
    const { createServices } = load();
    const services = createServices({
      config: parseConfig({ NODE_ENV: 'test', JWT_SECRET: 'y'.repeat(40) }),
      db: await createMemoryDatabase(),
      logger: silentLogger(),
      generator: fakeSummaryGenerator(),
    });

    expect(services.movies).toBe(services.movies);
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['movies', 'auth', 'catalogue', 'requestDatabase', 'forRequest']));
    expect(Object.keys(services)).not.toContain('db');
  });
});

describe('service modules (loaded on first use)', () => {
  /** Every module of lib/services the container wires, as the container names them. */
  const serviceModules = [
    'authService',
    'catalogueService',
    'collectionsService',
    'moviesService',
    'passwords',
    'portableRatingsService',
    'ratingsService',
    'recommendationsService',
    'requestCountService',
    'summaryService',
    'throttling',
    'tokens',
    'usersService',
    'watchlistService',
  ];
  afterAll(() => {
    for (const name of serviceModules) jest.dontMock(`../../lib/services/${name}`);
  });

  /** A fresh container module whose service modules say when they are loaded; answers the services and that list. */
  const wireWatched = async () => {
    const loaded: string[] = [];
    const db = await createMemoryDatabase();
    let services: import('../../lib/container').Services | undefined;
    jest.isolateModules(() => {
      for (const name of serviceModules) {
        jest.doMock(`../../lib/services/${name}`, () => {
          loaded.push(name);
          return jest.requireActual(`../../lib/services/${name}`);
        });
      }
      const container = require('../../lib/container') as typeof import('../../lib/container');
      const { parseConfig: parse } = require('../../lib/config') as typeof import('../../lib/config');
      services = container.createServices({ config: parse({}), db, logger: silentLogger(), generator: fakeSummaryGenerator() });
    });
    return { services: services!, loaded };
  };

  it('loads no service module while the container is wired', async () => {
    const { loaded } = await wireWatched();

    expect(loaded).toEqual([]);
  });

  it("loads a service's module when the service is first used, and only the modules it is built from", async () => {
    const { services, loaded } = await wireWatched();

    void services.movies;
    expect(loaded).toEqual(['moviesService']);

    void services.portableRatings;
    expect(loaded).toEqual(['moviesService', 'portableRatingsService']);

    void services.auth;
    expect(loaded).toEqual(expect.arrayContaining(['authService', 'passwords', 'throttling', 'tokens']));
    expect(loaded).not.toContain('recommendationsService');
  });
});
