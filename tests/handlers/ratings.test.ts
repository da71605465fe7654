import { Rating } from '../../lib/schemas/ratings';
import { createRatingRoute } from '../../lib/schemas/routes/ratings';
import { createRating } from '../../functions/ratings/createRating';
import { invokeRoute } from '../support/invokeRoute';
import { createTestServices, type TestServices } from '../support/services';

describe('POST /ratings/ (createRating)', () => {
  let services: TestServices;
  let movieId: number;
  beforeEach(async () => {
    services = await createTestServices();
    movieId = (await services.movies.create({ title: 'Inception', genres: [] })).id;
  });
  const post = (body: unknown) => invokeRoute(createRatingRoute, createRating, services, { body });

  it('records an anonymous rating with 201 and updates the exact average', async () => {
    const first = await post({ movie: movieId, value: 4 });
    await post({ movie: movieId, value: 5 });

    expect(first.statusCode).toBe(201);
    expect(Rating.parse(first.body)).toMatchObject({ movie: movieId, value: 4, user: null });
    expect(await services.movies.get(movieId)).toMatchObject({ rating: 4.5, rating_count: 2 });
  });

  it('answers 404 for an unknown movie and changes nothing', async () => {
    const response = await post({ movie: movieId + 1, value: 4 });

    expect(response).toMatchObject({ statusCode: 404, body: { detail: `movie ${movieId + 1} does not exist` } });
    expect(await services.movies.get(movieId)).toMatchObject({ rating: null, rating_count: 0 });
  });

  it.each([
    [{ value: 0 }, 'value', 'must be an integer from 1 to 5'],
    [{ value: 6 }, 'value', 'must be an integer from 1 to 5'],
    [{ value: 3.5 }, 'value', 'must be an integer from 1 to 5'],
    [{ value: '4' }, 'value', 'must be an integer from 1 to 5'],
    [{ value: null }, 'value', 'must be an integer from 1 to 5'],
    [{}, 'value', 'is required'],
  ])('refuses the value in %j with a 400', async (fields, path, message) => {
    const response = await post({ movie: movieId, ...fields });

    expect(response.statusCode).toBe(400);
    expect(response.body).toMatchObject({ errors: [{ path, message }] });
  });

  it.each([[0], [-3], [1.5], ['1'], [null]])('refuses the movie id %j with a 400', async (movie) => {
    const response = await post({ movie, value: 3 });

    expect(response.statusCode).toBe(400);
    expect(response.body).toMatchObject({ errors: [{ path: 'movie', message: 'must be a positive integer' }] });
  });
});
