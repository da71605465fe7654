import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiDocument } from '../../../lib/openapi/document';
import { allRoutes } from '../../../lib/schemas/routes';

/**
 * The openapi Lambda serves a document generated from the route contracts ahead of time (`npm run openapi`),
 * so its cold start does not spend 50 ms generating it. This keeps that file and the contracts in step.
 */
describe('the committed OpenAPI document', () => {
  it('is exactly what the route contracts generate: run `npm run openapi` after changing a route', () => {
    const committed = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'lib', 'openapi', 'openapi.json'), 'utf8')) as unknown;

    expect(committed).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument(allRoutes))));
  });
});
