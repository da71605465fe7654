import { unmatchedRoute } from '../../functions/unmatchedRoute/unmatchedRoute';
import { unmatchedRoute as unmatchedRouteContract } from '../../lib/schemas/unmatchedRoute';
import { invokeRoute } from '../support/invokeRoute';
import { createTestServices, type TestServices } from '../support/services';

describe('what no route matches (unmatchedRoute, API Gateway $default)', () => {
  let services: TestServices;
  beforeAll(async () => {
    services = await createTestServices();
  });
  // The catch-all answers any method at any path: the request says both.
  const request = (method: string, path: string) =>
    invokeRoute(unmatchedRouteContract, unmatchedRoute, services, { method, rawPath: path });

  // An empty segment names nothing: /movies//1/ is no movie's path (API Gateway routes it to no route either), so
  // the catch-all must not call it one and answer a 405 that allows the very method asked.
  it.each(['/nope/', '/nope', '/movies/1/ratings/', '/movies/abc/def', '/movies//1/', '/movies//1', '//movies/1/'])(
    'answers 404 problem+json for GET %s, an unknown path',
    async (path) => {
      const response = await request('GET', path);

      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toBe('application/problem+json');
      expect(response.body).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: `no route answers ${path}` });
    },
  );

  it.each([
    ['PUT', '/movies/1/', 'GET, PATCH, DELETE'],
    ['PUT', '/movies/1', 'GET, PATCH, DELETE'],
    ['PUT', '/movies/', 'GET, POST'],
    ['POST', '/health', 'GET'],
    ['POST', '/ratings/7/', 'GET, PUT, PATCH, DELETE'],
    ['PATCH', '/', 'GET'],
  ])('answers 405 problem+json with Allow for %s %s, a known path', async (method, path, allow) => {
    const response = await request(method, path);

    expect(response.statusCode).toBe(405);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.headers.allow).toBe(allow);
    expect(response.body).toEqual({
      type: 'about:blank',
      title: 'Method Not Allowed',
      status: 405,
      detail: `${method} is not served at ${path}; it answers ${allow}`,
    });
  });

  it('answers 401 problem+json with WWW-Authenticate to a bad token, as every route does', async () => {
    const response = await invokeRoute(unmatchedRouteContract, unmatchedRoute, services, {
      rawPath: '/nope/',
      headers: { authorization: 'Bearer not-a-token' },
    });

    expect(response).toMatchObject({
      statusCode: 401,
      headers: { 'content-type': 'application/problem+json', 'www-authenticate': 'Bearer' },
    });
  });
});
