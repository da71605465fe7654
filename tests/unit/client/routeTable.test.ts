import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRoutes } from '../../../lib/schemas/routes';
import { clientRouteTable } from '../../../scripts/writeClientRoutes';

/**
 * The client carries a small table of each route's method and path instead of the contracts, so that a browser bundle
 * holds no zod. This keeps the committed table and the contracts in step, as the OpenAPI document is kept.
 */
describe("the client's committed route table", () => {
  it('is exactly what the route contracts generate: run `npm run client:routes` after changing a route', () => {
    const committed = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'lib', 'client', 'routes.json'), 'utf8')) as unknown;

    expect(committed).toEqual(clientRouteTable(allRoutes));
  });

  it('names every route by its function, with its method and path, and the media types of a file body (the first is sent by default)', () => {
    const table = clientRouteTable(allRoutes);

    expect(Object.keys(table)).toHaveLength(allRoutes.length);
    expect(table.getMovie).toEqual({ method: 'GET', path: '/movies/{id}/' });
    expect(table.importMyRatings).toEqual({
      method: 'POST',
      path: '/users/me/ratings/import/',
      fileMediaTypes: ['text/csv', 'application/zip'],
    });
  });
});
