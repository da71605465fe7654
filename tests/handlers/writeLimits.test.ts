import * as z from 'zod';
import { defineRoute, type RouteContract } from '../../lib/schemas/routes/contract';
import { createCollectionRoute, deleteCollectionRoute } from '../../lib/schemas/routes/collections';
import { createMovieRoute, listMoviesRoute } from '../../lib/schemas/routes/movies';
import { createRatingRoute } from '../../lib/schemas/routes/ratings';
import { createCollection } from '../../functions/collections/createCollection';
import { deleteCollection } from '../../functions/collections/deleteCollection';
import { createMovie } from '../../functions/movies/createMovie';
import { listMovies } from '../../functions/movies/listMovies';
import { createRating } from '../../functions/ratings/createRating';
import { signUp } from '../support/auth';
import { countingCalls } from '../../harness/countingCalls';
import { createMemoryDatabase } from '../support/database';
import { invokeRoute, type AnyImplementation, type RouteRequest } from '../support/invokeRoute';
import { createTestServices, type TestServices } from '../support/services';

type User = Awaited<ReturnType<typeof signUp>>;
interface Caller {
  ip?: string;
  user?: User;
}

describe('per-client write limits (WRITE_RATE_PER_MINUTE)', () => {
  let services: TestServices;
  let clock: number;
  let movieId: number;
  beforeEach(async () => {
    clock = Date.UTC(2026, 0, 1, 12, 0, 0);
    services = await createTestServices({ env: { WRITE_RATE_PER_MINUTE: '3' }, clock: () => clock });
    movieId = (await services.movies.create({ title: 'Heat' })).id;
  });

  const call = <R extends RouteContract>(route: R, implementation: AnyImplementation<R>, caller: Caller, request: RouteRequest = {}) =>
    invokeRoute(route, implementation, services, { ...request, headers: caller.user?.headers, sourceIp: caller.ip ?? '198.51.100.7' });
  const postMovie = (caller: Caller, title = 'Alien') => call(createMovieRoute, createMovie, caller, { body: { title } });
  const rate = (caller: Caller, value = 4) => call(createRatingRoute, createRating, caller, { body: { movie: movieId, value } });
  const movieCount = async () => Number((await services.db.execute('SELECT count(*) AS n FROM movies')).rows[0]!.n);

  it('lets a client make WRITE_RATE_PER_MINUTE writes, telling it where it stands on each', async () => {
    const answers = [await postMovie({}), await postMovie({}), await postMovie({})];

    expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201, 201]);
    expect(answers.map((answer) => answer.headers['ratelimit'])).toEqual(['"write";r=2;t=60', '"write";r=1;t=60', '"write";r=0;t=60']);
    expect(answers[0]!.headers['ratelimit-policy']).toBe('"write";q=3;w=60');
    expect(answers[0]!.headers['retry-after']).toBeUndefined();
  });

  it('answers the next write 429 problem+json with Retry-After and RateLimit headers, storing nothing', async () => {
    for (let i = 0; i < 3; i++) await postMovie({});
    const before = await movieCount();
    clock += 20_000;

    const refused = await postMovie({}, 'One too many');

    expect(refused).toMatchObject({
      statusCode: 429,
      headers: {
        'content-type': 'application/problem+json',
        'ratelimit-policy': '"write";q=3;w=60',
        ratelimit: '"write";r=0;t=40',
        'retry-after': '40',
      },
      body: { status: 429, title: 'Too Many Requests' },
    });
    expect(await movieCount()).toBe(before);
  });

  it('counts every write route of a client together, and refuses a rating without changing the movie', async () => {
    await postMovie({});
    await postMovie({});
    await rate({});

    const refused = await rate({}, 5);

    expect(refused.statusCode).toBe(429);
    const movie = await services.movies.get(movieId);
    expect(movie).toMatchObject({ rating_count: 1, rating: 4 });
  });

  it('counts each source IP apart: another client is unaffected', async () => {
    for (let i = 0; i < 3; i++) await postMovie({ ip: '198.51.100.7' });
    expect((await postMovie({ ip: '198.51.100.7' })).statusCode).toBe(429);

    const other = await postMovie({ ip: '203.0.113.9' });

    expect(other.statusCode).toBe(201);
    expect(other.headers['ratelimit']).toBe('"write";r=2;t=60');
  });

  it('counts a signed-in user by their account, not by the address they share', async () => {
    const [ann, bob] = [await signUp(services), await signUp(services)];
    for (let i = 0; i < 3; i++) expect((await postMovie({ user: ann })).statusCode).toBe(201);

    expect((await postMovie({ user: ann })).statusCode).toBe(429);
    expect((await postMovie({ user: ann, ip: '203.0.113.50' })).statusCode).toBe(429);
    expect((await postMovie({ user: bob })).statusCode).toBe(201);
    expect((await postMovie({})).statusCode).toBe(201);
  });

  it('exempts admins, with no RateLimit headers', async () => {
    const admin = await signUp(services, { role: 'admin' });

    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await postMovie({ user: admin }));

    expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201, 201, 201, 201]);
    expect(answers[4]!.headers['ratelimit']).toBeUndefined();
  });

  it('lets the client write again once the window has rolled', async () => {
    for (let i = 0; i < 3; i++) await postMovie({});
    expect((await postMovie({})).statusCode).toBe(429);
    clock += 60_000;

    const again = await postMovie({});

    expect(again.statusCode).toBe(201);
    expect(again.headers['ratelimit']).toBe('"write";r=2;t=60');
  });

  it('counts a write that fails validation too, so garbage cannot be sent without limit', async () => {
    for (let i = 0; i < 3; i++) {
      const invalid = await call(createMovieRoute, createMovie, {}, { body: { title: '' } });
      expect(invalid.statusCode).toBe(400);
    }

    expect((await postMovie({})).statusCode).toBe(429);
  });

  it('counts and limits a write route that answers without writing anything', async () => {
    const noteRoute = defineRoute({
      functionName: 'takeNote',
      method: 'POST',
      path: '/notes/',
      summary: 'Answers without writing',
      tags: ['test'],
      access: 'public',
      body: z.object({ note: z.string() }),
      response: { status: 200, description: 'taken', schema: z.object({ ok: z.boolean() }) },
    });
    const takeNote = () => invokeRoute(noteRoute, async () => ({ ok: true }), services, { body: { note: 'hi' } });

    const allowed = [await takeNote(), await takeNote(), await takeNote()];
    const refused = await takeNote();

    expect(allowed.map((response) => [response.statusCode, response.headers.ratelimit])).toEqual([
      [200, '"write";r=2;t=60'],
      [200, '"write";r=1;t=60'],
      [200, '"write";r=0;t=60'],
    ]);
    expect(refused).toMatchObject({
      statusCode: 429,
      headers: { 'retry-after': '60' },
      body: { detail: 'too many writes from this client; see Retry-After' },
    });
  });

  it('refuses a DELETE past the limit and keeps what it would have deleted', async () => {
    const ann = await signUp(services);
    const made = await call(createCollectionRoute, createCollection, { user: ann }, { body: { title: 'Mine', movies: [movieId] } });
    const id = (made.body as { id: number }).id;
    await postMovie({ user: ann });
    await postMovie({ user: ann });

    const refused = await call(deleteCollectionRoute, deleteCollection, { user: ann }, { params: { id } });

    expect(refused.statusCode).toBe(429);
    expect(Number((await services.db.execute({ sql: 'SELECT count(*) AS n FROM collections WHERE id = ?', args: [id] })).rows[0]!.n)).toBe(
      1,
    );
  });

  it('leaves reads unlimited and without RateLimit headers', async () => {
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await call(listMoviesRoute, listMovies, {}));

    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(answers[5]!.headers['ratelimit']).toBeUndefined();
  });

  it("counts a write in the write's own round trip: a limited rating takes as many database calls as an exempt one", async () => {
    const { client: db, counted } = countingCalls(await createMemoryDatabase());
    services = await createTestServices({ db, env: { WRITE_RATE_PER_MINUTE: '3' }, clock: () => clock });
    movieId = (await services.movies.create({ title: 'Heat' })).id;
    const [basic, admin] = [await signUp(services), await signUp(services, { role: 'admin' })];
    const callsFor = async (user: User) => {
      const before = counted.calls;
      const answer = await rate({ user });
      expect(answer.statusCode).toBe(201);
      return counted.calls - before;
    };

    const exempt = await callsFor(admin);
    const limited = await callsFor(basic);

    expect(limited).toBe(exempt);
  });
});
