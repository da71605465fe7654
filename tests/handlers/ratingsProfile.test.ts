import { listMyRatings } from '../../functions/ratings/listMyRatings';
import { RatedMoviesPage } from '../../lib/schemas/ratings';
import { listMyRatingsRoute } from '../../lib/schemas/routes/ratings';
import { signUp } from '../support/auth';
import { invokeRoute } from '../support/invokeRoute';
import { createTestServices, type TestServices } from '../support/services';

type Caller = { headers: Record<string, string> } | undefined;

describe('the ratings of the caller', () => {
  let services: TestServices;
  let ann: Awaited<ReturnType<typeof signUp>>;
  let bob: Awaited<ReturnType<typeof signUp>>;
  beforeEach(async () => {
    services = await createTestServices();
    [ann, bob] = await Promise.all([signUp(services), signUp(services)]);
  });

  const profile = (caller: Caller, query?: Record<string, string>) =>
    invokeRoute(listMyRatingsRoute, listMyRatings, services, { query, headers: caller?.headers });

  describe('GET /users/me/ratings/ (the profile)', () => {
    it('answers a page of the movies the caller rated, with the value and when, without summaries', async () => {
      const first = await services.movies.create({ title: 'First', genres: ['Drama'], year: 2001 });
      const second = await services.movies.create({ title: 'Second' });
      await services.ratings.rateAsUser({ movieId: first.id, userId: ann.id, value: 5 });
      await services.ratings.rateAsUser({ movieId: second.id, userId: ann.id, value: 2 });
      await services.ratings.rateAsUser({ movieId: second.id, userId: bob.id, value: 4 });

      const response = await profile(ann);

      expect(response.statusCode).toBe(200);
      const page = RatedMoviesPage.parse(response.body);
      expect(page).toMatchObject({ count: 2, page: 1, page_size: 20, total_pages: 1 });
      expect(page.results.map((item) => [item.movie.title, item.value])).toEqual(
        expect.arrayContaining([
          ['First', 5],
          ['Second', 2],
        ]),
      );
      expect(page.results.find((item) => item.movie.id === second.id)?.movie).toMatchObject({ rating: 3, rating_count: 2 });
      expect(page.results[0]).toEqual({
        movie: expect.not.objectContaining({ summary: expect.anything() }),
        value: expect.any(Number),
        rated_at: expect.any(String),
      });
    });

    it('pages, and answers 400 to a page size over 100 and 401 without a token', async () => {
      expect(await profile(ann, { page: '2' })).toMatchObject({ statusCode: 200, body: { count: 0, results: [] } });
      expect((await profile(ann, { page_size: '101' })).statusCode).toBe(400);
      expect((await profile(undefined)).statusCode).toBe(401);
    });
  });
});
