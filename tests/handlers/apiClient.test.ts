import { createApiClient } from '../../lib/client/apiClient';
import { openapi } from '../../functions/docs/openapi';
import { createMovie } from '../../functions/movies/createMovie';
import { deleteMovie } from '../../functions/movies/deleteMovie';
import { getMovie } from '../../functions/movies/getMovie';
import { listMovies } from '../../functions/movies/listMovies';
import { getMe } from '../../functions/users/getMe';
import { importMyRatings } from '../../functions/portableRatings/importMyRatings';
import { signUp } from '../support/auth';
import { handlerFetch } from '../support/handlerFetch';
import { createTestServices, type TestServices } from '../support/services';

/**
 * The typed client against the real handlers and a real in-memory libSQL: its fetch runs them in-process, so what the
 * client sends (method, path, query, body, headers) is what the HTTP stack parses, and every answer is held to the
 * route's contract on the way back.
 */
describe('createApiClient', () => {
  let services: TestServices;
  let requested: string[];
  const clientOf = (options: { token?: string; baseUrl?: string } = {}) => {
    const inProcess = handlerFetch(services, { createMovie, getMovie, listMovies, deleteMovie, getMe, importMyRatings, openapi });
    const recording: typeof fetch = (input, init) => {
      requested.push(`${init?.method ?? 'GET'} ${String(input)}`);
      return inProcess(input, init);
    };
    return createApiClient({ baseUrl: options.baseUrl ?? 'http://api.test', fetch: recording, token: options.token });
  };

  beforeEach(async () => {
    services = await createTestServices();
    requested = [];
  });

  it('sends a JSON body to the contract path and answers the typed movie with its headers', async () => {
    const api = clientOf();

    const response = await api.createMovie({ body: { title: ' Heat ', year: 1995, genres: ['Crime'] } });

    expect(requested).toEqual(['POST http://api.test/movies/']);
    expect(response.status).toBe(201);
    if (response.status !== 201) throw new Error('not created');
    expect(response.body).toMatchObject({ title: 'Heat', year: 1995, genres: ['Crime'], rating: null });
    expect(response.headers.get('location')).toBe(`/movies/${response.body.id}/`);
  });

  it('fills path parameters into the path, and joins a base URL that ends with a slash', async () => {
    const movie = await services.movies.create({ title: 'Inception', year: 2010 });
    const api = clientOf({ baseUrl: 'http://api.test/' });

    const response = await api.getMovie({ params: { id: movie.id } });

    expect(requested).toEqual([`GET http://api.test/movies/${movie.id}/`]);
    expect(response).toMatchObject({ status: 200, body: { id: movie.id, title: 'Inception' } });
  });

  it('encodes a path parameter, so that it stays one segment of the path', async () => {
    const response = await clientOf().getMovie({ params: { id: '1/2' } });

    expect(requested).toEqual(['GET http://api.test/movies/1%2F2/']);
    expect(response).toMatchObject({ status: 400, body: { errors: [{ path: 'id' }] } });
  });

  it('keeps a path the contract writes without a trailing slash as it is', async () => {
    const response = await clientOf().openapi();

    expect(requested).toEqual(['GET http://api.test/openapi.json']);
    expect(response).toMatchObject({ status: 200, body: { openapi: expect.any(String) } });
  });

  it('answers a problem as a problem: status, application/problem+json body', async () => {
    const response = await clientOf().getMovie({ params: { id: 987654 } });

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body).toMatchObject({ status: 404, type: 'about:blank' });
  });

  it('writes the query string from the query, numbers and booleans as the API spells them', async () => {
    await services.movies.create({ title: 'Heat' });
    await services.movies.create({ title: 'Heathers' });
    await services.movies.create({ title: 'Alien' });

    const response = await clientOf().listMovies({ query: { search: 'heat', page_size: 1, ordering: 'title' } });

    expect(requested).toEqual(['GET http://api.test/movies/?search=heat&page_size=1&ordering=title']);
    expect(response).toMatchObject({ status: 200, body: { count: 2, total_pages: 2, results: [{ title: 'Heat' }] } });
  });

  it('sends no query string when no query is given', async () => {
    await clientOf().listMovies();

    expect(requested).toEqual(['GET http://api.test/movies/']);
  });

  it("signs requests with the client's token, and a call may sign with another or with none", async () => {
    const alice = await signUp(services);
    const bob = await signUp(services);
    const api = clientOf({ token: alice.access_token });

    const asAlice = await api.getMe();
    const asBob = await api.getMe({ token: bob.access_token });
    const anonymous = await api.getMe({ token: null });

    expect(asAlice).toMatchObject({ status: 200, body: { id: alice.id } });
    expect(asBob).toMatchObject({ status: 200, body: { id: bob.id } });
    expect(anonymous.status).toBe(401);
  });

  it('sends an Idempotency-Key, so a retried create is answered by the first one', async () => {
    const api = clientOf();

    const first = await api.createMovie({ body: { title: 'Once' }, idempotencyKey: 'client-test-key-1' });
    const retry = await api.createMovie({ body: { title: 'Once' }, idempotencyKey: 'client-test-key-1' });

    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotency-replayed')).toBe('true');
    expect((await services.db.execute('SELECT count(*) AS n FROM movies')).rows[0]?.n).toBe(1);
  });

  it('sends If-None-Match, and answers 304 with no body when the tag still holds', async () => {
    const movie = await services.movies.create({ title: 'Tagged' });
    const api = clientOf();
    const first = await api.getMovie({ params: { id: movie.id } });

    const again = await api.getMovie({ params: { id: movie.id }, ifNoneMatch: first.headers.get('etag') ?? '' });

    expect(again.status).toBe(304);
    expect(again.body).toBeUndefined();
  });

  it('sends a text body as text/csv where the contract says so, with its query', async () => {
    await services.movies.create({ title: 'Heat', year: 1995 });
    const user = await signUp(services);

    const response = await clientOf({ token: user.access_token }).importMyRatings({
      body: 'Title,Year,Rating\nHeat,1995,4.5\n',
      query: { dry_run: true },
    });

    expect(requested).toEqual(['POST http://api.test/users/me/ratings/import/?dry_run=true']);
    expect(response).toMatchObject({ status: 200, body: { format: 'letterboxd', rows: 1, imported: 1 } });
    expect((await services.db.execute('SELECT count(*) AS n FROM ratings')).rows[0]?.n).toBe(0);
  });

  it('answers a 204 with no body', async () => {
    const admin = await signUp(services, { role: 'admin' });
    const movie = await services.movies.create({ title: 'Gone' });

    const response = await clientOf({ token: admin.access_token }).deleteMovie({ params: { id: movie.id } });

    expect(response).toEqual({ status: 204, body: undefined, headers: expect.any(Headers) });
    expect((await services.db.execute('SELECT count(*) AS n FROM movies')).rows[0]?.n).toBe(0);
  });
});
