import type { RouteContract } from '../../lib/schemas/routes/contract';
import { Collection, CollectionBody, MAX_COLLECTION_MOVIES } from '../../lib/schemas/collections';
import { MAX_PAGE_SIZE } from '../../lib/schemas/pagination';
import {
  createCollectionRoute,
  deleteCollectionRoute,
  getCollectionRoute,
  listCollectionsRoute,
  replaceCollectionRoute,
} from '../../lib/schemas/routes/collections';
import { createCollection } from '../../functions/collections/createCollection';
import { deleteCollection } from '../../functions/collections/deleteCollection';
import { getCollection } from '../../functions/collections/getCollection';
import { listCollections } from '../../functions/collections/listCollections';
import { replaceCollection } from '../../functions/collections/replaceCollection';
import { signUp } from '../support/auth';
import { invokeRoute, type AnyImplementation, type RouteRequest } from '../support/invokeRoute';
import { createTestServices, type TestServices } from '../support/services';
import { createMovieSummariesRepository } from '../../lib/repositories/movieSummariesRepository';

type Caller = { headers: Record<string, string> } | undefined;
type User = Awaited<ReturnType<typeof signUp>>;

describe('collections', () => {
  let services: TestServices;
  let ann: User;
  let bob: User;
  let admin: User;
  let ids: Record<string, number>;
  beforeEach(async () => {
    services = await createTestServices();
    [ann, bob, admin] = await Promise.all([signUp(services), signUp(services), signUp(services, { role: 'admin' })]);
    ids = {};
    const films: [string, string[]][] = [
      ['Heat', ['Crime', 'Drama']],
      ['Alien', ['Horror', 'Sci-Fi']],
      ['Se7en', ['Crime', 'Thriller']],
      ['Amadeus', ['Drama']],
      ['Airplane!', ['Comedy']],
    ];
    for (const [title, genres] of films) ids[title] = (await services.movies.create({ title, genres })).id;
  });

  const call = <R extends RouteContract>(route: R, implementation: AnyImplementation<R>, caller: Caller, request: RouteRequest = {}) =>
    invokeRoute(route, implementation, services, { ...request, headers: caller?.headers });
  const byId = (id: number) => ({ params: { id } });
  const create = (caller: Caller, body: unknown) => call(createCollectionRoute, createCollection, caller, { body });
  const list = (caller: Caller, query?: Record<string, string>) => call(listCollectionsRoute, listCollections, caller, { query });
  const get = (caller: Caller, id: number) => call(getCollectionRoute, getCollection, caller, byId(id));
  const put = (caller: Caller, id: number, body: unknown) => call(replaceCollectionRoute, replaceCollection, caller, { ...byId(id), body });
  const remove = (caller: Caller, id: number) => call(deleteCollectionRoute, deleteCollection, caller, byId(id));
  const titlesOf = (response: { body: unknown }) => (response.body as Collection).movies.results.map((movie) => movie.title);
  const idOf = (response: { body: unknown }) => (response.body as { id: number }).id;
  const stored = async () => ({
    collections: (await services.db.execute('SELECT count(*) AS n FROM collections')).rows[0]?.n,
    entries: (await services.db.execute('SELECT count(*) AS n FROM collection_movies')).rows[0]?.n,
  });

  describe('POST /collections/', () => {
    it('creates the collection with its movies in the order given, and names it in Location', async () => {
      const response = await create(ann, { title: ' Favourites ', description: 'Late nights', movies: [ids.Se7en, ids.Heat] });

      expect(response.statusCode).toBe(201);
      const collection = Collection.parse(response.body);
      expect(collection).toMatchObject({ title: 'Favourites', description: 'Late nights' });
      expect(titlesOf(response)).toEqual(['Se7en', 'Heat']);
      expect(response.headers.location).toBe(`/collections/${collection.id}/`);
    });

    it('shows each movie without its summary', async () => {
      await createMovieSummariesRepository(services.db).storeSummary(ids.Heat!, { summary: 'A heist.', summary_source: 'facts' });

      const response = await create(ann, { title: 'Heists', movies: [ids.Heat] });

      const [movie] = (response.body as Collection).movies.results;
      expect(movie).toMatchObject({ id: ids.Heat, title: 'Heat', genres: ['Crime', 'Drama'], rating: null });
      expect(movie).not.toHaveProperty('summary');
      expect(movie).not.toHaveProperty('summary_source');
    });

    it('collapses repeated movie ids, keeping the first place of each', async () => {
      const response = await create(ann, { title: 'Twice', movies: [ids.Heat, ids.Alien, ids.Heat, ids.Alien, ids.Amadeus] });

      expect(titlesOf(response)).toEqual(['Heat', 'Alien', 'Amadeus']);
    });

    it('defaults to no description and no movies', async () => {
      const response = await create(ann, { title: 'Empty' });

      expect(response.body).toMatchObject({ title: 'Empty', description: null, movie_count: 0, movie_ids: [], movies: { results: [] } });
    });

    it('refuses unknown movie ids with a 400 naming each one, and stores nothing', async () => {
      const response = await create(ann, { title: 'Ghosts', movies: [ids.Heat, 424242, 525252] });

      expect(response.statusCode).toBe(400);
      expect(response.body).toMatchObject({
        detail: 'movies 424242, 525252 do not exist',
        errors: [
          { path: 'movies.1', message: 'movie 424242 does not exist' },
          { path: 'movies.2', message: 'movie 525252 does not exist' },
        ],
      });
      expect(await stored()).toEqual({ collections: 0, entries: 0 });
    });

    it('takes 500 movies, and refuses 501', async () => {
      const many: number[] = [];
      for (let i = 0; i < 501; i++) many.push((await services.movies.create({ title: `Film ${i}` })).id);

      const full = await create(ann, { title: 'Full', movies: many.slice(0, 500) });
      const over = await create(ann, { title: 'Over', movies: many });

      expect(full.statusCode).toBe(201);
      expect(full.body).toMatchObject({ movie_count: 500, movie_ids: many.slice(0, 500) });
      expect(over.statusCode).toBe(400);
      expect(over.body).toMatchObject({ errors: [{ path: 'movies', message: 'must be an array of at most 500 movie ids' }] });
    });

    it.each([
      [{}, 'title', 'is required'],
      [{ title: '' }, 'title', 'must be a string of 1 to 200 characters'],
      [{ title: 'x'.repeat(201) }, 'title', 'must be a string of 1 to 200 characters'],
      [{ title: 'A', description: 'x'.repeat(2001) }, 'description', 'must be a string of at most 2000 characters'],
      [{ title: 'A', movies: 'Heat' }, 'movies', 'must be an array of at most 500 movie ids'],
      [{ title: 'A', movies: [0] }, 'movies.0', 'must be a positive integer'],
      [{ title: 'A', movies: ['1'] }, 'movies.0', 'must be a positive integer'],
      [{ title: 'A', movies: [1.5] }, 'movies.0', 'must be a positive integer'],
    ])('refuses %j with a 400 naming %s', async (body, path, message) => {
      const response = await create(ann, body);

      expect(response.statusCode).toBe(400);
      expect(response.body).toMatchObject({ errors: [{ path, message }] });
      expect(await stored()).toEqual({ collections: 0, entries: 0 });
    });

    it('answers 401 without a token', async () => {
      expect((await create(undefined, { title: 'Anonymous' })).statusCode).toBe(401);
    });
  });

  describe('GET /collections/{id}/', () => {
    it('answers the owner the collection', async () => {
      const created = await create(ann, { title: 'Mine', movies: [ids.Alien] });

      const response = await get(ann, idOf(created));

      expect(response.statusCode).toBe(200);
      expect(response.body).toEqual(created.body);
    });

    it('pages its films with page and page_size, and always names and counts them all', async () => {
      const order = [ids.Heat, ids.Alien, ids.Se7en, ids.Amadeus, ids['Airplane!']];
      const created = await create(ann, { title: 'Five', movies: order });

      const second = await call(getCollectionRoute, getCollection, ann, { ...byId(idOf(created)), query: { page: '2', page_size: '2' } });

      expect(second.statusCode).toBe(200);
      expect(second.body).toMatchObject({ movie_count: 5, movie_ids: order, movies: { count: 5, page: 2, page_size: 2, total_pages: 3 } });
      expect(titlesOf(second)).toEqual(['Se7en', 'Amadeus']);
      expect(created.body).toMatchObject({ movies: { page: 1, page_size: 20 } });
      expect(titlesOf(created)).toEqual(['Heat', 'Alien', 'Se7en', 'Amadeus', 'Airplane!']);
      const badSize = await call(getCollectionRoute, getCollection, ann, { ...byId(idOf(created)), query: { page_size: '101' } });
      expect(badSize).toMatchObject({
        statusCode: 400,
        body: { errors: [{ path: 'page_size', message: 'must be an integer from 1 to 100' }] },
      });
    });

    it('answers 404 to anyone else, admins included, as if it did not exist', async () => {
      const created = await create(ann, { title: 'Private' });

      for (const other of [bob, admin]) {
        expect(await get(other, idOf(created))).toMatchObject({
          statusCode: 404,
          body: { detail: `collection ${idOf(created)} does not exist` },
        });
      }
      expect(await get(ann, 424242)).toMatchObject({ statusCode: 404, body: { detail: 'collection 424242 does not exist' } });
    });

    it('answers 401 without a token and 400 for a malformed id', async () => {
      const created = await create(ann, { title: 'Mine' });

      expect((await get(undefined, idOf(created))).statusCode).toBe(401);
      expect((await call(getCollectionRoute, getCollection, ann, { params: { id: 'x' } })).statusCode).toBe(400);
    });
  });

  describe('PUT /collections/{id}/', () => {
    it('replaces the title, the description and the movies', async () => {
      const created = await create(ann, { title: 'Draft', description: 'old', movies: [ids.Heat, ids.Alien] });

      const response = await put(ann, idOf(created), { title: 'Final', movies: [ids.Amadeus, ids.Heat, ids.Amadeus] });

      expect(response.statusCode).toBe(200);
      expect(response.body).toMatchObject({ id: idOf(created), title: 'Final', description: null });
      expect(titlesOf(response)).toEqual(['Amadeus', 'Heat']);
      expect(await get(ann, idOf(created))).toMatchObject({ body: response.body });
      expect((response.body as Collection).updated_at >= (created.body as Collection).updated_at).toBe(true);
    });

    it('changes nothing when a movie id is unknown', async () => {
      const created = await create(ann, { title: 'Keep', movies: [ids.Heat] });

      const response = await put(ann, idOf(created), { title: 'Lose', movies: [ids.Alien, 424242] });

      expect(response).toMatchObject({ statusCode: 400, body: { errors: [{ path: 'movies.1', message: 'movie 424242 does not exist' }] } });
      expect((await get(ann, idOf(created))).body).toEqual(created.body);
    });

    it("answers 404 to another user and leaves the owner's collection as it was", async () => {
      const created = await create(ann, { title: 'Mine', movies: [ids.Heat] });

      const response = await put(bob, idOf(created), { title: 'Stolen', movies: [] });

      expect(response.statusCode).toBe(404);
      expect((await get(ann, idOf(created))).body).toEqual(created.body);
    });

    it('refuses an invalid body with a 400', async () => {
      const created = await create(ann, { title: 'Mine' });

      expect((await put(ann, idOf(created), { movies: [] })).body).toMatchObject({
        status: 400,
        errors: [{ path: 'title', message: 'is required' }],
      });
    });
  });

  describe('DELETE /collections/{id}/', () => {
    it('deletes the collection and its entries, and answers 204', async () => {
      const created = await create(ann, { title: 'Gone', movies: [ids.Heat, ids.Alien] });

      const response = await remove(ann, idOf(created));

      expect(response.statusCode).toBe(204);
      expect(response.raw.byteLength).toBe(0);
      expect((await get(ann, idOf(created))).statusCode).toBe(404);
      expect(await stored()).toEqual({ collections: 0, entries: 0 });
      expect(await services.movies.get(ids.Heat!)).toBeDefined();
    });

    it('answers 404 to another user and keeps the collection', async () => {
      const created = await create(ann, { title: 'Kept' });

      expect((await remove(bob, idOf(created))).statusCode).toBe(404);
      expect((await get(ann, idOf(created))).statusCode).toBe(200);
    });
  });

  describe('GET /collections/', () => {
    it("answers a page of the caller's collections only, newest first", async () => {
      const first = await create(ann, { title: 'First', movies: [ids.Heat] });
      const second = await create(ann, { title: 'Second' });
      await create(bob, { title: "Bob's" });

      const response = await list(ann);

      expect(response.statusCode).toBe(200);
      expect(response.body).toMatchObject({ count: 2, page: 1, page_size: 20, total_pages: 1 });
      const page = response.body as { results: Collection[] };
      expect(page.results.map((c) => c.id)).toEqual([idOf(second), idOf(first)]);
      const { movies, ...withoutFilms } = first.body as Collection;
      expect(movies.results).toHaveLength(1);
      expect(page.results[1]).toEqual(withoutFilms);
    });

    it("names each collection's films by id, in order, and counts them, without embedding the films", async () => {
      await create(ann, { title: 'Crime', movies: [ids.Se7en, ids.Heat, ids.Se7en] });

      const response = await list(ann);

      const [collection] = (response.body as { results: Record<string, unknown>[] }).results;
      expect(collection).toMatchObject({ title: 'Crime', movie_count: 2, movie_ids: [ids.Se7en, ids.Heat] });
      expect(collection).not.toHaveProperty('movies');
    });

    it('pages through them', async () => {
      for (const title of ['A', 'B', 'C']) await create(ann, { title });

      const response = await list(ann, { page: '2', page_size: '2' });

      expect(response.body).toMatchObject({ count: 3, page: 2, page_size: 2, total_pages: 2 });
      expect((response.body as { results: Collection[] }).results.map((c) => c.title)).toEqual(['A']);
      expect((await list(ann, { page: '0' })).statusCode).toBe(400);
      expect((await list(ann, { page_size: '101' })).statusCode).toBe(400);
    });

    it("adds the caller's three favourite genres across all their collections, most frequent first, ties by name", async () => {
      // Crime: Heat, Se7en; Drama: Heat, Amadeus; Horror, Sci-Fi: Alien; Thriller: Se7en
      await create(ann, { title: 'One', movies: [ids.Heat, ids.Alien] });
      await create(ann, { title: 'Two', movies: [ids.Se7en, ids.Amadeus] });
      await create(bob, { title: 'Comedies', movies: [ids['Airplane!'], ids['Airplane!']] });

      const response = await list(ann, { page_size: '1' });

      expect(response.body).toMatchObject({ favourite_genres: ['Crime', 'Drama', 'Horror'] });
      expect((await list(bob)).body).toMatchObject({ favourite_genres: ['Comedy'] });
    });

    it('answers no favourite genres, and no collections, to a new user', async () => {
      expect((await list(ann)).body).toEqual({ count: 0, page: 1, page_size: 20, total_pages: 0, results: [], favourite_genres: [] });
    });

    it('answers 401 without a token', async () => {
      expect((await list(undefined)).statusCode).toBe(401);
    });
  });

  /**
   * Lambda answers at most 6 MB; each collections answer must stay within a third of that whatever is stored.
   * The worst case: texts at their longest, all quotes, which JSON escapes and Lambda's JSON result escapes again.
   */
  describe("answers within a third of Lambda's 6 MB response limit, at every bound", () => {
    const BOUND = 2 * 1024 * 1024;
    // Hundreds of films and 50,000 entries take a while to store: a limit on the setup, not a timing assertion.
    const SLOW = 120_000;
    /** The body as Lambda sends it: a JSON string inside its JSON result. */
    const lambdaBytes = (response: { raw: Buffer }) => Buffer.byteLength(JSON.stringify({ body: response.raw.toString('utf8') }));
    const quotes = (prefix: string, length: number) => prefix + '"'.repeat(length - prefix.length);
    const longest = { title: quotes('', 200), description: quotes('', 2000) };
    let films: number[];
    beforeEach(async () => {
      films = [];
      for (let i = 0; i < MAX_COLLECTION_MOVIES; i++) {
        const genres = Array.from({ length: 10 }, (_, g) => quotes(`${g} `, 50));
        films.push((await services.movies.create({ title: quotes(`${i} `, 200), description: longest.description, genres })).id);
      }
    }, SLOW);

    it(
      'answers a collection of 500 such films, made, replaced or read',
      async () => {
        const created = await create(ann, { ...longest, movies: films });
        const replaced = await put(ann, idOf(created), { ...longest, movies: [...films].reverse() });
        const read = await call(getCollectionRoute, getCollection, ann, { ...byId(idOf(created)), query: { page_size: '100' } });

        for (const answer of [created, replaced, read]) expect(lambdaBytes(answer)).toBeLessThan(BOUND);
        expect([created.statusCode, replaced.statusCode, read.statusCode]).toEqual([201, 200, 200]);
        expect(read.body).toMatchObject({ movie_count: 500, movies: { count: 500, page_size: 100 } });
        expect((read.body as Collection).movies.results).toHaveLength(100);
      },
      SLOW,
    );

    it(
      'answers a page of 100 collections of 500 such films each',
      async () => {
        for (let i = 0; i < MAX_PAGE_SIZE; i++)
          await services.collections.create(ann.id, CollectionBody.parse({ ...longest, movies: films }));

        const response = await list(ann, { page_size: String(MAX_PAGE_SIZE) });

        expect(response.statusCode).toBe(200);
        expect(response.body).toMatchObject({ count: 100, results: expect.any(Array) });
        expect(lambdaBytes(response)).toBeLessThan(BOUND);
      },
      SLOW,
    );
  });
});
