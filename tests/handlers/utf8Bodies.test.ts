import { createMovie } from '../../functions/movies/createMovie';
import { createHttpHandler } from '../../lib/http/createHttpHandler';
import { allRoutes } from '../../lib/schemas/routes';
import { createMovieRoute } from '../../lib/schemas/routes/movies';
import { signUp } from '../support/auth';
import { httpEvent } from '../../harness/events';
import { invoke } from '../support/invoke';
import { routeHandler } from '../support/invokeRoute';
import { createTestServices, type TestServices } from '../support/services';

/**
 * Outside finding (issue 26): a JSON title sent as raw 0xFF bytes was stored as "��" (201). A JSON body is UTF-8
 * (RFC 8259): bytes that are not, whether they arrive as bytes (base64, as API Gateway sends what it does not take
 * for text) or already replaced by U+FFFD on the way, are a 400 problem+json, and nothing is stored.
 */
describe('a JSON body that is not valid UTF-8', () => {
  let services: TestServices;
  let admin: Awaited<ReturnType<typeof signUp>>;
  beforeEach(async () => {
    services = await createTestServices();
    admin = await signUp(services, { role: 'admin' });
  });

  /** `{"title":"<0xFF 0xFF>"}` as bytes: Latin-1 ÿ, never valid UTF-8. */
  const invalidBytes = () => Buffer.concat([Buffer.from('{"title":"'), Buffer.from([0xff, 0xff]), Buffer.from('"}')]);
  const movies = async () => (await services.db.execute('SELECT count(*) AS n FROM movies')).rows[0]!.n;
  const post = (route: (typeof allRoutes)[number], body: string, isBase64Encoded: boolean) =>
    invoke(
      createHttpHandler(
        route,
        async () => ({}) as never,
        async () => services,
      ),
      httpEvent({
        method: route.method,
        path: route.path,
        pathParameters: { id: '1', movie_id: '1', token: 'x' },
        body,
        isBase64Encoded,
        headers: { 'content-type': 'application/json', ...admin.headers },
      }),
    );

  it('answers raw 0xFF bytes in a title 400 and stores no movie', async () => {
    const response = await invoke(
      routeHandler(createMovieRoute, createMovie, services),
      httpEvent({
        method: 'POST',
        path: '/movies/',
        body: invalidBytes().toString('base64'),
        isBase64Encoded: true,
        headers: { 'content-type': 'application/json', ...admin.headers },
      }),
    );

    expect(response).toMatchObject({
      statusCode: 400,
      headers: { 'content-type': 'application/problem+json' },
      body: { status: 400, detail: 'the body is not valid UTF-8' },
    });
    expect(await movies()).toBe(0);
  });

  it('answers a body whose invalid bytes were replaced by U+FFFD on the way 400 and stores no movie', async () => {
    const response = await invoke(
      routeHandler(createMovieRoute, createMovie, services),
      httpEvent({
        method: 'POST',
        path: '/movies/',
        body: invalidBytes().toString('utf8'),
        headers: { 'content-type': 'application/json', ...admin.headers },
      }),
    );

    expect(response).toMatchObject({ statusCode: 400, body: { detail: 'the body is not valid UTF-8' } });
    expect(await movies()).toBe(0);
  });

  const jsonRoutes = allRoutes.filter((route) => route.body && !route.bodyMediaTypes);

  it.each(jsonRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    'answers it 400 problem+json on %s, as bytes or as replaced text',
    async (_, route) => {
      for (const [body, isBase64Encoded] of [
        [invalidBytes().toString('base64'), true],
        [invalidBytes().toString('utf8'), false],
      ] as const) {
        const response = await post(route, body, isBase64Encoded);

        expect(response).toMatchObject({
          statusCode: 400,
          headers: { 'content-type': 'application/problem+json' },
          body: { detail: 'the body is not valid UTF-8' },
        });
      }
    },
  );

  it('reads valid UTF-8 sent as base64 as it reads text', async () => {
    const response = await invoke(
      routeHandler(createMovieRoute, createMovie, services),
      httpEvent({
        method: 'POST',
        path: '/movies/',
        body: Buffer.from('{"title":"Amélie"}').toString('base64'),
        isBase64Encoded: true,
        headers: { 'content-type': 'application/json', ...admin.headers },
      }),
    );

    expect(response).toMatchObject({ statusCode: 201, body: { title: 'Amélie' } });
  });
});
