import type { RouteContract } from '../../lib/schemas/routes/contract';
import { registerUserRoute } from '../../lib/schemas/routes/auth';
import { createCollectionRoute } from '../../lib/schemas/routes/collections';
import { createMovieRoute, listMoviesRoute } from '../../lib/schemas/routes/movies';
import { createRatingRoute } from '../../lib/schemas/routes/ratings';
import { createConcurrencyGate } from '../../lib/services/concurrencyGate';
import { createPasswordHasher } from '../../lib/services/passwords';
import { registerUser } from '../../functions/auth/registerUser';
import { createCollection } from '../../functions/collections/createCollection';
import { createMovie } from '../../functions/movies/createMovie';
import { listMovies } from '../../functions/movies/listMovies';
import { createRating } from '../../functions/ratings/createRating';
import { signUp, uniqueEmail } from '../support/auth';
import { createTempFileDatabase } from '../support/database';
import { invokeRoute, type AnyImplementation } from '../support/invokeRoute';
import { createTestServices, type TestServices } from '../support/services';

type Headers = Record<string, string>;

/** docs/USAGE.md, Safe retries: POST /movies/, /ratings/, /collections/ and /auth/register/ take an Idempotency-Key. */
describe('Idempotency-Key', () => {
  let services: TestServices;
  beforeEach(async () => {
    services = await createTestServices({ env: { AUTH_RATE_PER_MINUTE: '1000' } });
  });
  const post = <R extends RouteContract>(
    route: R,
    implementation: AnyImplementation<R>,
    body: unknown,
    headers: Headers = {},
    target = services,
  ) => invokeRoute(route, implementation, target, { body, headers });
  const postMovie = (body: unknown, headers: Headers = {}, target = services) => post(createMovieRoute, createMovie, body, headers, target);
  const movieCount = async () => ((await invokeRoute(listMoviesRoute, listMovies, services)).body as { count: number }).count;

  it('answers a repeat with the same key and body with the stored response, Idempotency-Replayed: true, changing nothing', async () => {
    const first = await postMovie({ title: 'Heat' }, { 'idempotency-key': 'create-heat-1' });
    const again = await postMovie({ title: 'Heat' }, { 'idempotency-key': 'create-heat-1' });

    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotency-replayed']).toBeUndefined();
    expect(again).toMatchObject({
      statusCode: 201,
      body: first.body,
      headers: { location: first.headers.location, 'idempotency-replayed': 'true' },
    });
    expect(await movieCount()).toBe(1);
  });

  it('answers 422 to the same key with a different body', async () => {
    await postMovie({ title: 'Heat' }, { 'idempotency-key': 'k1' });

    const other = await postMovie({ title: 'Ronin' }, { 'idempotency-key': 'k1' });

    expect(other).toMatchObject({ statusCode: 422, headers: { 'content-type': 'application/problem+json' }, body: { status: 422 } });
    expect(await movieCount()).toBe(1);
  });

  it('processes requests without a key, or with different keys, each time', async () => {
    await postMovie({ title: 'Heat' });
    await postMovie({ title: 'Heat' });
    await postMovie({ title: 'Heat' }, { 'idempotency-key': 'a' });
    await postMovie({ title: 'Heat' }, { 'idempotency-key': 'b' });

    expect(await movieCount()).toBe(4);
  });

  it.each([[''], ['x'.repeat(256)], ['has space'], ['naïve']])('refuses the key %j with 400', async (key) => {
    const response = await postMovie({ title: 'Heat' }, { 'idempotency-key': key });

    expect(response).toMatchObject({ statusCode: 400, body: { errors: [{ path: 'Idempotency-Key' }] } });
    expect(await movieCount()).toBe(0);
  });

  it('keeps keys per caller: two users with one key each get their own collection', async () => {
    const [ann, bob] = await Promise.all([signUp(services), signUp(services)]);

    const mine = await post(createCollectionRoute, createCollection, { title: 'Mine' }, { ...ann.headers, 'idempotency-key': 'same' });
    const theirs = await post(createCollectionRoute, createCollection, { title: 'Mine' }, { ...bob.headers, 'idempotency-key': 'same' });

    expect([mine.statusCode, theirs.statusCode]).toEqual([201, 201]);
    expect((theirs.body as { id: number }).id).not.toBe((mine.body as { id: number }).id);
    expect(theirs.headers['idempotency-replayed']).toBeUndefined();
  });

  it("does not count a replayed rating twice in the movie's aggregates", async () => {
    const movie = await services.movies.create({ title: 'Heat', genres: [] });

    await post(createRatingRoute, createRating, { movie: movie.id, value: 4 }, { 'idempotency-key': 'rate-once' });
    const replay = await post(createRatingRoute, createRating, { movie: movie.id, value: 4 }, { 'idempotency-key': 'rate-once' });

    expect(replay.headers['idempotency-replayed']).toBe('true');
    expect(await services.movies.get(movie.id)).toMatchObject({ rating_count: 1 });
  });

  it('answers 409 to a repeat while the first is still being processed, then replays once it is done', async () => {
    const gate = createConcurrencyGate({ limit: 1, maxWaitMs: 60_000 });
    const slow = await createTestServices({
      passwordHasher: createPasswordHasher({ log2N: 10 }, gate),
      env: { AUTH_RATE_PER_MINUTE: '1000' },
    });
    let release!: () => void;
    const hold = gate.run(() => new Promise<void>((resolve) => (release = resolve)));
    const body = { email: uniqueEmail(), password: 'a-long-enough-password' };
    const headers = { 'idempotency-key': 'register-once' };

    let settled = false;
    const first = post(registerUserRoute, registerUser, body, headers, slow).finally(() => (settled = true));
    // Until the first waits for its hash (or has failed, which the expectations below then show).
    while (gate.waiting === 0 && !settled) await new Promise((resolve) => setImmediate(resolve));
    const during = await post(registerUserRoute, registerUser, body, headers, slow);
    release();
    await hold;
    const done = await first;
    const after = await post(registerUserRoute, registerUser, body, headers, slow);

    expect(during).toMatchObject({ statusCode: 409, headers: { 'content-type': 'application/problem+json' } });
    expect(done.statusCode).toBe(201);
    expect(after).toMatchObject({ statusCode: 201, body: done.body, headers: { 'idempotency-replayed': 'true' } });
  });

  it('replays across instances sharing the database', async () => {
    const file = createTempFileDatabase();
    try {
      const [one, two] = await Promise.all([file.open(), file.open()]);
      const [first, second] = await Promise.all([one, two].map((db) => createTestServices({ db })));

      const original = await postMovie({ title: 'Heat' }, { 'idempotency-key': 'across' }, first);
      const replay = await postMovie({ title: 'Heat' }, { 'idempotency-key': 'across' }, second);

      expect(replay).toMatchObject({ statusCode: 201, body: original.body, headers: { 'idempotency-replayed': 'true' } });
      one.close();
      two.close();
    } finally {
      file.remove();
    }
  });

  describe('what makes two requests the same', () => {
    const postCollection = (body: unknown, headers: Headers) => post(createCollectionRoute, createCollection, body, headers);

    it('takes the same body with its fields in another order, nested ones too, as the same request', async () => {
      const first = await postMovie({ title: 'Heat', year: 1995, genres: ['Crime', 'Drama'] }, { 'idempotency-key': 'same-fields' });
      const again = await postMovie({ genres: ['Crime', 'Drama'], year: 1995, title: 'Heat' }, { 'idempotency-key': 'same-fields' });

      expect(again).toMatchObject({ statusCode: 201, body: first.body, headers: { 'idempotency-replayed': 'true' } });
      expect(await movieCount()).toBe(1);
    });

    it.each([
      ['another order of a list', ['Crime', 'Drama'], ['Drama', 'Crime']],
      ['a list with one item more', ['Crime'], ['Crime', 'Crime']],
    ])('takes %s as another request: 422', async (_case, genres, otherGenres) => {
      await postMovie({ title: 'Heat', genres }, { 'idempotency-key': 'lists' });

      const other = await postMovie({ title: 'Heat', genres: otherGenres }, { 'idempotency-key': 'lists' });

      expect(other.statusCode).toBe(422);
    });

    it('takes a list of numbers whose digits run together as another request: 422', async () => {
      const { headers } = await signUp(services);
      await postCollection({ title: 'Mine', movies: [1, 2] }, { ...headers, 'idempotency-key': 'digits' });

      const other = await postCollection({ title: 'Mine', movies: [12] }, { ...headers, 'idempotency-key': 'digits' });

      expect(other.statusCode).toBe(422);
    });

    it('keeps an anonymous caller’s keys per source address', async () => {
      const from = (sourceIp: string) =>
        invokeRoute(createMovieRoute, createMovie, services, {
          body: { title: 'Heat' },
          headers: { 'idempotency-key': 'per-ip' },
          sourceIp,
        });

      const one = await from('203.0.113.1');
      const two = await from('203.0.113.2');

      expect([one.statusCode, two.statusCode]).toEqual([201, 201]);
      expect(two.headers['idempotency-replayed']).toBeUndefined();
      expect(await movieCount()).toBe(2);
    });

    it('keeps keys per route: one key on two routes is two requests', async () => {
      const { headers } = await signUp(services);
      const movie = await postMovie({ title: 'Heat' }, { ...headers, 'idempotency-key': 'one-key' });

      const collection = await postCollection({ title: 'Heat' }, { ...headers, 'idempotency-key': 'one-key' });

      expect([movie.statusCode, collection.statusCode]).toEqual([201, 201]);
      expect(collection.headers['idempotency-replayed']).toBeUndefined();
    });
  });

  describe('answers worth redoing', () => {
    it('runs a retry again after the first answered 500, and stores nothing of the failure', async () => {
      // The handler is given the request's services: those fail to store the film.
      const failing: TestServices = Object.defineProperty(
        {
          ...services,
          forRequest: (request: Parameters<TestServices['forRequest']>[0]) => ({
            ...services.forRequest(request),
            movies: { ...services.movies, create: async () => Promise.reject(new Error('disk on fire')) },
          }),
        },
        'db',
        { value: services.db },
      );
      const failed = await postMovie({ title: 'Heat' }, { 'idempotency-key': 'after-500' }, failing);

      const retry = await postMovie({ title: 'Heat' }, { 'idempotency-key': 'after-500' });

      expect(failed.statusCode).toBe(500);
      expect(retry.statusCode).toBe(201);
      expect(retry.headers['idempotency-replayed']).toBeUndefined();
      expect(await movieCount()).toBe(1);
    });

    it('runs a retry again after the first was throttled (429)', async () => {
      const throttled = await createTestServices({ env: { WRITE_RATE_PER_MINUTE: '1', AUTH_RATE_PER_MINUTE: '1000' } });
      const { headers } = await signUp(throttled);
      await postMovie({ title: 'Spent the limit' }, headers, throttled);
      const refused = await postMovie({ title: 'Heat' }, { ...headers, 'idempotency-key': 'after-429' }, throttled);

      const lifted = await createTestServices({ db: throttled.db, env: { WRITE_RATE_PER_MINUTE: '1000', AUTH_RATE_PER_MINUTE: '1000' } });
      const retry = await postMovie({ title: 'Heat' }, { ...headers, 'idempotency-key': 'after-429' }, lifted);

      expect(refused.statusCode).toBe(429);
      expect(retry).toMatchObject({ statusCode: 201 });
      expect(retry.headers['idempotency-replayed']).toBeUndefined();
    });

    it('replays a 4xx answer as the answer', async () => {
      const first = await postMovie({ title: '' }, { 'idempotency-key': 'bad-title' });
      const again = await postMovie({ title: '' }, { 'idempotency-key': 'bad-title' });

      expect(first.statusCode).toBe(400);
      expect(again.statusCode).toBe(400);
    });

    it('replays the answer’s own headers only: rate-limit and security headers are made afresh', async () => {
      const { headers } = await signUp(services);
      const first = await postMovie({ title: 'Heat' }, { ...headers, 'idempotency-key': 'headers' });
      const again = await postMovie({ title: 'Heat' }, { ...headers, 'idempotency-key': 'headers' });

      expect(first.headers.ratelimit).toBeDefined();
      expect(again.headers).toMatchObject({ location: first.headers.location, 'content-type': first.headers['content-type'] });
      expect(again.headers.ratelimit).not.toBe(first.headers.ratelimit);
    });
  });
});
