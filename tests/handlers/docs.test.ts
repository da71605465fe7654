import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { docs } from '../../functions/docs/docs';
import { docsAsset } from '../../functions/docs/docsAsset';
import { openapi } from '../../functions/docs/openapi';
import { buildOpenApiDocument } from '../../lib/openapi/document';
import { allRoutes } from '../../lib/schemas/routes';
import { docsAssetRoute, docsRoute, openapiRoute } from '../../lib/schemas/routes/docs';
import { invokeRoute } from '../support/invokeRoute';
import { createTestServices, type TestServices } from '../support/services';

const swaggerUiDist = join(__dirname, '..', '..', 'node_modules', 'swagger-ui-dist');

describe('the API documentation', () => {
  let services: TestServices;
  beforeAll(async () => {
    services = await createTestServices();
  });

  describe('GET /openapi.json (openapi)', () => {
    it('answers the OpenAPI document of every route as JSON', async () => {
      const response = await invokeRoute(openapiRoute, openapi, services);

      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.body).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument(allRoutes))));
      expect(Object.keys((response.body as { paths: object }).paths)).toEqual(
        expect.arrayContaining(['/openapi.json', '/docs/', '/docs/{asset}', '/movies/{id}/']),
      );
    });
  });

  describe('GET /docs/ (docs)', () => {
    it('answers the Swagger UI page, which loads its assets from this API and the document from /openapi.json', async () => {
      const response = await invokeRoute(docsRoute, docs, services);

      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      const html = response.body as string;
      for (const asset of [
        'swagger-ui.css',
        'swagger-ui-bundle.js',
        'swagger-ui-standalone-preset.js',
        'swagger-initializer.js',
        'favicon-32x32.png',
      ]) {
        expect(html).toContain(`/docs/${asset}`);
      }
      expect(html).not.toMatch(/https?:\/\//); // no CDN
      expect(html).not.toMatch(/<script>[^<]/); // no inline script: the CSP allows only 'self'
    });
  });

  describe('GET /docs/{asset} (docsAsset)', () => {
    const get = (asset: string) => invokeRoute(docsAssetRoute, docsAsset, services, { params: { asset } });

    it.each([
      ['swagger-ui.css', 'text/css; charset=utf-8'],
      ['swagger-ui-bundle.js', 'text/javascript; charset=utf-8'],
      ['swagger-ui-standalone-preset.js', 'text/javascript; charset=utf-8'],
    ])('serves %s from swagger-ui-dist with a long cache lifetime', async (asset, contentType) => {
      const response = await get(asset);

      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe(contentType);
      expect(response.headers['cache-control']).toMatch(/max-age=\d{5,}/);
      expect(response.raw.equals(readFileSync(join(swaggerUiDist, asset)))).toBe(true);
    });

    it.each(['favicon-16x16.png', 'favicon-32x32.png'])('serves the binary %s base64-encoded', async (asset) => {
      const response = await get(asset);

      expect(response).toMatchObject({ statusCode: 200, isBase64Encoded: true, headers: { 'content-type': 'image/png' } });
      expect(response.raw.equals(readFileSync(join(swaggerUiDist, asset)))).toBe(true);
    });

    it('serves an initializer that points Swagger UI at /openapi.json with "Try it out" enabled', async () => {
      const response = await get('swagger-initializer.js');

      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(response.body).toContain("url: '/openapi.json'");
      expect(response.body).not.toContain('petstore');
    });

    it.each(['index.html', 'package.json', '..%2Fpackage.json', 'swagger-ui.js.map', 'nothing.css'])(
      'answers 404 for %s, which is not a published asset',
      async (asset) => {
        const response = await get(asset);

        expect(response.statusCode).toBe(404);
        expect(response.headers['content-type']).toBe('application/problem+json');
      },
    );
  });
});
