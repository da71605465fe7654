import { api, baseUrl } from './http';

describe('requests no route matches', () => {
  it.each(['/nope/', '/nope', '/movies/1/nothing/'])('GET %s answers 404 problem+json, not a list of routes', async (path) => {
    const response = await api(path);

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    // serverless-offline hands the Lambda the path without its trailing slash.
    expect(response.body).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: `no route answers ${path.replace(/\/$/, '')}`,
    });
  });

  it('GET /movies//1/ answers 404, not a 405 that allows the GET it refuses', async () => {
    const response = await api('/movies//1/');

    expect(response.status).toBe(404);
    expect(response.headers.get('allow')).toBeNull();
    expect(response.body).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it.each([
    ['PUT', '/movies/1/', 'GET, PATCH, DELETE'],
    ['PUT', '/movies', 'GET, POST'],
  ])('%s %s answers 405 problem+json with Allow', async (method, path, allow) => {
    const response = await api(path, { method });

    expect(response.status).toBe(405);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('allow')).toBe(allow);
    expect(response.body).toMatchObject({ status: 405, title: 'Method Not Allowed' });
  });

  it('answers a body over the 10 MiB the local gateway takes with 413 problem+json', async () => {
    const response = await api('/movies/', { method: 'POST', body: JSON.stringify({ title: 'x'.repeat(11 * 1024 * 1024) }) });

    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body).toMatchObject({ type: 'about:blank', title: 'Content Too Large', status: 413 });
  });

  it('still answers a CORS preflight for a known route', async () => {
    // A preflight is answered by the gateway from serverless.yml's CORS settings, not by a route: not validated.
    const response = await fetch(`${baseUrl()}/movies/`, {
      method: 'OPTIONS',
      headers: { origin: 'https://example.com', 'access-control-request-method': 'POST' },
    });

    expect(response.status).toBeLessThan(300);
    expect(response.headers.get('access-control-allow-origin')).toBeTruthy();
  });
});
