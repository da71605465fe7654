import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { methodsServedAt, methodsServedIn, pathMatches, servedMethods } from '../../../lib/http/routeTable';
import { allRoutes } from '../../../lib/schemas/routes';

// The catch-all tells 404 from 405 by which contract paths match the request's path.
describe('a contract path against a request path', () => {
  it.each([
    ['/movies/{id}/', '/movies/7/'],
    ['/movies/{id}/', '/movies/7'],
    ['/movies/{id}/similar/', '/movies/abc/similar'],
    ['/health/', '/health'],
  ])('%s matches %s', (template, path) => {
    expect(pathMatches(template, path)).toBe(true);
  });

  it.each([
    ['/movies/{id}/', '/movies/'],
    ['/movies/{id}/', '/movies//'],
    ['/movies/{id}/', '/movies//7/'],
    ['/movies/{id}/', '//movies/7'],
    ['/movies/{id}/', '/movies/7//'],
    ['/health/', '/health//'],
    ['/movies/{id}/', '/movies/7/similar/'],
    ['/movies/{id}/similar/', '/movies/7/other/'],
    ['/health/', '/healthz/'],
    ['/movies/{id/', '/movies/7/'],
    ['/movies/id}/', '/movies/7/'],
  ])('%s does not match %s', (template, path) => {
    expect(pathMatches(template, path)).toBe(false);
  });
});

// The catch-all's bundle carries this table instead of every contract and its schemas.
describe("the catch-all's committed table of paths and methods", () => {
  it('is exactly what the route contracts generate: run `npm run client:routes` after changing a route', () => {
    const committed = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'lib', 'http', 'servedRoutes.json'), 'utf8')) as unknown;

    expect(committed).toEqual(servedMethods(allRoutes));
  });

  it('answers the methods a path serves, the PATCH a contract serves beside its PUT included', () => {
    const table = servedMethods(allRoutes);

    expect(methodsServedIn(table, '/ratings/7')).toEqual(methodsServedAt(allRoutes, '/ratings/7'));
    expect(methodsServedIn(table, '/ratings/7/')).toContain('PATCH');
    expect(methodsServedIn(table, '/nowhere/')).toEqual([]);
  });
});
