import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { baseUrl, fetchApi } from './http';

const swaggerUiDist = join(__dirname, '..', '..', 'node_modules', 'swagger-ui-dist');

describe('documentation over HTTP', () => {
  it.each(['/openapi.json', '/openapi.json/'])('GET %s answers the OpenAPI 3.1 document', async (path) => {
    const response = await fetchApi(path);

    expect(response.status).toBe(200);
    expect(((await response.json()) as { openapi: string }).openapi).toBe('3.1.0');
  });

  it.each(['/docs/', '/docs'])('GET %s answers the Swagger UI page with its security headers', async (path) => {
    const response = await fetchApi(path);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('swagger-ui-bundle.js');
  });

  it.each([
    ['swagger-ui-bundle.js', 'text/javascript; charset=utf-8'],
    ['swagger-ui.css', 'text/css; charset=utf-8'],
    ['favicon-32x32.png', 'image/png'],
  ])('serves /docs/%s itself, byte for byte', async (asset, contentType) => {
    const response = await fetchApi(`/docs/${asset}?v=1`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(contentType);
    expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(join(swaggerUiDist, asset)))).toBe(true);
  });
});

describe('CORS', () => {
  it('answers a preflight from another origin', async () => {
    // A preflight is answered by the gateway from serverless.yml's CORS settings, not by a route: not validated.
    const response = await fetch(`${baseUrl()}/ratings/`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });

    expect(response.status).toBeLessThan(300);
    expect(response.headers.get('access-control-allow-origin')).toMatch(/^(\*|https:\/\/app\.example)$/);
    expect(response.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toMatch(/authorization/);
  });

  it('lets a page on another origin read answers', async () => {
    const response = await fetchApi('/health/', { headers: { origin: 'https://app.example' } });

    expect(response.headers.get('access-control-allow-origin')).toMatch(/^(\*|https:\/\/app\.example)$/);
  });
});
