import { pathMatches } from '../../../lib/http/routeTable';

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
