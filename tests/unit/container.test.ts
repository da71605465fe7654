import { createServices, prepareServices } from '../../lib/container';
import { parseConfig } from '../../lib/config';
import { createMemoryDatabase } from '../support/database';
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

  it('It should warn that JWT_SECRET was generated, and stay quiet when it was given', async () => {
    const generated = await build({});
    const given = await build({ JWT_SECRET: 'y'.repeat(40) });

    await prepareServices(generated.services);
    await prepareServices(given.services);

    expect(generated.logger.warn).toHaveBeenCalledWith(expect.stringContaining('JWT_SECRET'));
    expect(given.logger.warn).not.toHaveBeenCalled();
  });

  it('It should ensure the admin from ADMIN_EMAIL and ADMIN_PASSWORD', async () => {
    const { services } = await build({ JWT_SECRET: 'y'.repeat(40), ADMIN_EMAIL: 'Root@Example.com', ADMIN_PASSWORD: 'root-password-1' });

    await prepareServices(services);

    await expect(services.auth.signIn('root@example.com', 'root-password-1')).resolves.toMatchObject({ user: { role: 'admin' } });
  });
});
