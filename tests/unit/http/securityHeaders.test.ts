import { docs } from '../../../functions/docs/docs';
import { health } from '../../../functions/health/health';
import { getMovie } from '../../../functions/movies/getMovie';
import { createHttpHandler } from '../../../lib/http/createHttpHandler';
import { docsRoute } from '../../../lib/schemas/routes/docs';
import { healthRoute } from '../../../lib/schemas/routes/health';
import { getMovieRoute } from '../../../lib/schemas/routes/movies';
import { webPage } from '../../../functions/web/webPage';
import { webPageRoute } from '../../../lib/schemas/routes/web';
import { httpEvent } from '../../../harness/events';
import { invoke } from '../../support/invoke';
import { createTestServices, type TestServices } from '../../support/services';

describe('security headers', () => {
  let services: TestServices;
  beforeAll(async () => {
    services = await createTestServices();
  });

  const common = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'strict-transport-security': expect.stringMatching(/^max-age=\d{7,}; includeSubDomains$/),
  };

  it('are on every JSON answer, with a CSP that allows nothing to load', async () => {
    const response = await invoke(
      createHttpHandler(healthRoute, health, async () => services),
      httpEvent({ path: '/health/' }),
    );

    expect(response.headers).toMatchObject({ ...common, 'content-security-policy': "default-src 'none'; frame-ancestors 'none'" });
  });

  it('are on every error too', async () => {
    const response = await invoke(
      createHttpHandler(getMovieRoute, getMovie, async () => services),
      httpEvent({ path: '/movies/abc/', pathParameters: { id: 'abc' } }),
    );

    expect(response.statusCode).toBe(400);
    expect(response.headers).toMatchObject(common);
  });

  it("give HTML pages a CSP that allows only this origin's scripts, styles and calls", async () => {
    const response = await invoke(
      createHttpHandler(docsRoute, docs, async () => services),
      httpEvent({ path: '/docs/' }),
    );

    const csp = response.headers['content-security-policy'] ?? '';
    expect(response.headers).toMatchObject(common);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/https?:|script-src[^;]*unsafe/);
  });

  it("leave a 304's CSP out, since browsers copy a 304's headers onto the page they keep and would lock it down", async () => {
    const handler = createHttpHandler(webPageRoute, webPage, async () => services);
    const { headers } = await invoke(handler, httpEvent({ path: '/' }));

    const response = await invoke(handler, httpEvent({ path: '/', headers: { 'if-none-match': headers.etag! } }));

    expect(response.statusCode).toBe(304);
    expect(response.headers).toMatchObject(common);
    expect(response.headers['content-security-policy']).toBeUndefined();
  });
});
