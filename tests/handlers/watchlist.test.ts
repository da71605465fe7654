import { addToWatchlist } from '../../functions/watchlist/addToWatchlist';
import { importMyRatings } from '../../functions/portableRatings/importMyRatings';
import { listWatchlist } from '../../functions/watchlist/listWatchlist';
import { removeFromWatchlist } from '../../functions/watchlist/removeFromWatchlist';
import { importMyRatingsRoute } from '../../lib/schemas/routes/portableRatings';
import { addToWatchlistRoute, listWatchlistRoute, removeFromWatchlistRoute } from '../../lib/schemas/routes/watchlist';
import { WatchlistPage } from '../../lib/schemas/watchlist';
import { signUp } from '../support/auth';
import { invokeRoute } from '../support/invokeRoute';
import { createTestServices, type TestServices } from '../support/services';

describe('the watchlist: PUT, DELETE /users/me/watchlist/{movie_id}/ and GET /users/me/watchlist/', () => {
  let services: TestServices;
  let user: Awaited<ReturnType<typeof signUp>>;
  let heat: number;
  let ronin: number;

  beforeEach(async () => {
    services = await createTestServices();
    user = await signUp(services);
    heat = (await services.movies.create({ title: 'Heat', year: 1995, genres: ['Crime'] })).id;
    ronin = (await services.movies.create({ title: 'Ronin', year: 1998, genres: [] })).id;
  });

  const add = (movieId: number | string, headers: Record<string, string> = user.headers) =>
    invokeRoute(addToWatchlistRoute, addToWatchlist, services, { params: { movie_id: movieId }, headers });
  const remove = (movieId: number | string, headers: Record<string, string> = user.headers) =>
    invokeRoute(removeFromWatchlistRoute, removeFromWatchlist, services, { params: { movie_id: movieId }, headers });
  const list = (query: Record<string, string> = {}, headers: Record<string, string> = user.headers) =>
    invokeRoute(listWatchlistRoute, listWatchlist, services, { query, headers });
  const listed = async (headers: Record<string, string> = user.headers) =>
    WatchlistPage.parse((await list({}, headers)).body).results.map((entry) => entry.movie.id);
  const rows = async () => JSON.stringify((await services.db.execute('SELECT * FROM watchlist ORDER BY rowid')).rows);

  it('adds a movie with 204 and list it with the movie (without its summary) and when it was added', async () => {
    const added = await add(heat);

    expect(added).toMatchObject({ statusCode: 204 });
    const page = await list();
    expect(page.statusCode).toBe(200);
    expect(WatchlistPage.parse(page.body)).toEqual({
      count: 1,
      page: 1,
      page_size: 20,
      total_pages: 1,
      results: [{ movie: expect.objectContaining({ id: heat, title: 'Heat', genres: ['Crime'] }), added_at: expect.any(String) }],
    });
    expect(page.body).not.toHaveProperty('results.0.movie.summary');
  });

  it('lists newest first, a page at a time', async () => {
    await add(heat);
    await add(ronin);

    expect(await listed()).toEqual([ronin, heat]);
    const second = await list({ page: '2', page_size: '1' });
    expect(second.body).toMatchObject({ count: 2, page: 2, page_size: 1, total_pages: 2, results: [{ movie: { id: heat } }] });
  });

  it('is idempotent: adding twice keeps one entry, added when it first was', async () => {
    await add(heat);
    const before = await rows();

    expect((await add(heat)).statusCode).toBe(204);
    expect(await rows()).toBe(before);
  });

  it('answers 404 for an unknown movie and 400 for a malformed id, adding nothing', async () => {
    expect(await add(ronin + 100)).toMatchObject({ statusCode: 404, body: { detail: `movie ${ronin + 100} does not exist` } });
    expect((await add('x1')).statusCode).toBe(400);
    expect(await rows()).toBe('[]');
  });

  it('removes with 204, and answer 204 again for a movie no longer (or never) on it', async () => {
    await add(heat);
    await add(ronin);

    expect((await remove(heat)).statusCode).toBe(204);
    expect((await remove(heat)).statusCode).toBe(204);
    expect((await remove(ronin + 100)).statusCode).toBe(204);
    expect(await listed()).toEqual([ronin]);
  });

  it("keeps each user's watchlist their own", async () => {
    const other = await signUp(services);
    await add(heat);
    await add(ronin, other.headers);
    await remove(heat, other.headers);

    expect(await listed()).toEqual([heat]);
    expect(await listed(other.headers)).toEqual([ronin]);
  });

  it('answers an anonymous caller 401 on every route, storing nothing', async () => {
    expect((await add(heat, {})).statusCode).toBe(401);
    expect((await remove(heat, {})).statusCode).toBe(401);
    expect((await list({}, {})).statusCode).toBe(401);
    expect(await rows()).toBe('[]');
  });

  it('takes a movie off the watchlist when its user rates it, re-rates it or changes the rating', async () => {
    await add(heat);
    await add(ronin);
    const { rating } = await services.ratings.rateAsUser({ movieId: heat, value: 4, userId: user.id });
    expect(await listed()).toEqual([ronin]);

    await add(heat);
    await services.ratings.rateAsUser({ movieId: heat, value: 4, userId: user.id });
    expect(await listed()).toEqual([ronin]);

    await add(heat);
    await services.ratings.changeValue(rating.id, 2, { id: user.id, role: 'basic' });
    expect(await listed()).toEqual([ronin]);
  });

  it('leaves the watchlist alone when someone else, or an anonymous rater, rates the movie', async () => {
    const other = await signUp(services);
    await add(heat);

    await services.ratings.rate({ movieId: heat, value: 4 });
    await services.ratings.rateAsUser({ movieId: heat, value: 4, userId: other.id });

    expect(await listed()).toEqual([heat]);
  });

  it('takes imported films off the watchlist in the same write', async () => {
    await add(heat);
    await add(ronin);

    await invokeRoute(importMyRatingsRoute, importMyRatings, services, {
      body: 'Title,Year,Rating\nHeat,1995,4\n',
      headers: { 'content-type': 'text/csv', ...user.headers },
    });

    expect(await listed()).toEqual([ronin]);
  });

  it('keeps the watchlist on a dry run', async () => {
    await add(heat);

    await invokeRoute(importMyRatingsRoute, importMyRatings, services, {
      body: 'Title,Year,Rating\nHeat,1995,4\n',
      query: { dry_run: 'true' },
      headers: { 'content-type': 'text/csv', ...user.headers },
    });

    expect(await listed()).toEqual([heat]);
  });

  it('loses the entries of a deleted account and of a deleted movie', async () => {
    const other = await signUp(services);
    await add(heat);
    await add(ronin);
    await add(heat, other.headers);

    await services.movies.remove(ronin);
    expect(await listed()).toEqual([heat]);
    await services.auth.deleteAccount(other.id);
    const left = await services.db.execute('SELECT user_id, movie_id FROM watchlist');
    expect(left.rows.map((row) => [row.user_id, row.movie_id])).toEqual([[user.id, heat]]);
  });
});
