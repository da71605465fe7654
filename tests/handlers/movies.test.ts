import { Movie } from '../../lib/schemas/movies';
import { createMovieRoute, getMovieRoute } from '../../lib/schemas/routes/movies';
import { createMovie } from '../../functions/movies/createMovie';
import { getMovie } from '../../functions/movies/getMovie';
import { invokeRoute } from '../support/invokeRoute';
import { createTestServices, fakeSummaryGenerator, type TestServices } from '../support/services';
import { createMovieSearchRepository } from '../../lib/repositories/movieSearchRepository';

describe('POST /movies/ (createMovie)', () => {
  let services: TestServices;
  beforeEach(async () => {
    services = await createTestServices();
  });
  const post = (body: unknown) => invokeRoute(createMovieRoute, createMovie, services, { body });

  it('creates a movie and answers 201 with the movie and its Location', async () => {
    const response = await post({ title: '  Inception ', description: 'Dreams', genres: ['Thriller'], year: 2010 });

    expect(response.statusCode).toBe(201);
    const movie = Movie.parse(response.body);
    expect(movie).toMatchObject({
      title: 'Inception',
      description: 'Dreams',
      genres: ['Thriller'],
      year: 2010,
      rating: null,
      rating_count: 0,
      summary: null,
    });
    expect(response.headers.location).toBe(`/movies/${movie.id}/`);
  });

  it('never takes id, rating or summary from the body, and ignores unknown fields', async () => {
    const response = await post({ title: 'Heat', id: 999, rating: 5, rating_count: 10, summary: 'mine', color: 'red' });

    expect(response.statusCode).toBe(201);
    expect(response.body).toMatchObject({ rating: null, rating_count: 0, summary: null });
    expect(response.body).not.toHaveProperty('color');
    expect((response.body as Movie).id).not.toBe(999);
  });

  it.each([
    [{}, 'title', 'is required'],
    [{ title: '   ' }, 'title', 'must be a string of 1 to 200 characters'],
    [{ title: 'x'.repeat(201) }, 'title', 'must be a string of 1 to 200 characters'],
    [{ title: 42 }, 'title', 'must be a string of 1 to 200 characters'],
    [{ title: 'A', year: 1869 }, 'year', 'must be an integer from 1870 to 2100'],
    [{ title: 'A', year: 2010.5 }, 'year', 'must be an integer from 1870 to 2100'],
    [{ title: 'A', description: 'x'.repeat(2001) }, 'description', 'must be a string of at most 2000 characters'],
    [{ title: 'A', genres: Array.from({ length: 11 }, (_, i) => `g${i}`) }, 'genres', 'must be an array of at most 10 genres'],
    [{ title: 'A', genres: [''] }, 'genres.0', 'must be a string of 1 to 50 characters'],
    [{ title: 'A', genres: 'Drama' }, 'genres', 'must be an array of at most 10 genres'],
  ])('refuses %j with a 400 naming the field', async (body, path, message) => {
    const response = await post(body);

    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.body).toMatchObject({ status: 400, errors: [{ path, message }] });
    const count = await services.db.execute('SELECT count(*) AS n FROM movies');
    expect(count.rows[0]?.n).toBe(0);
  });
});

describe('GET /movies/{id}/ (getMovie)', () => {
  const get = (services: TestServices, id: string) => invokeRoute(getMovieRoute, getMovie, services, { params: { id } });

  it('answers the movie with an LLM summary generated once and stored', async () => {
    const generator = fakeSummaryGenerator('Dreams within dreams.');
    const services = await createTestServices({ generator });
    const movie = await services.movies.create({ title: 'Inception', genres: ['Thriller'], year: 2010 });

    const first = await get(services, String(movie.id));
    const second = await get(services, String(movie.id));

    expect(first.statusCode).toBe(200);
    expect(Movie.parse(first.body)).toMatchObject({ id: movie.id, summary: 'Dreams within dreams.', summary_source: 'openai:gpt-4o-mini' });
    expect(second.body).toEqual(first.body);
    expect(generator.generate).toHaveBeenCalledTimes(1);
  });

  it('gives the summary writer every fact the catalogue holds of the movie', async () => {
    const generator = fakeSummaryGenerator('Facts.');
    const services = await createTestServices({ generator });
    await services.catalogue.importFilms([
      {
        title: 'Heat',
        year: 1995,
        genres: ['Action'],
        director: 'Michael Mann',
        running_time_min: 171,
        import_key: '1995:heat',
        imdb: { rating: 8.2, votes: 197000 },
        rotten_tomatoes: 86,
      },
    ]);
    const [heat] = (await createMovieSearchRepository(services.db).list({ offset: 0, limit: 1, search: 'heat' })).movies;

    await get(services, String(heat!.id));

    expect(generator.generate).toHaveBeenCalledWith(
      {
        id: heat!.id,
        title: 'Heat',
        year: 1995,
        genres: ['Action'],
        description: null,
        director: 'Michael Mann',
        running_time_min: 171,
        external_ratings: { imdb: { rating: 8.2, votes: 197000 }, rotten_tomatoes: 86 },
      },
      expect.anything(),
    );
  });

  it('answers 200 with summary null when the LLM fails', async () => {
    const services = await createTestServices({ generator: { generate: jest.fn().mockRejectedValue(new Error('429')) } });
    const movie = await services.movies.create({ title: 'Alien', genres: [] });

    const response = await get(services, String(movie.id));

    expect(response.statusCode).toBe(200);
    expect(response.body).toMatchObject({ id: movie.id, summary: null, summary_source: null });
  });

  it('answers 404 for an unknown movie', async () => {
    const services = await createTestServices();

    const response = await get(services, '424242');

    expect(response).toMatchObject({ statusCode: 404, body: { title: 'Not Found', status: 404, detail: 'movie 424242 does not exist' } });
  });

  it.each(['abc', '0', '-1', '1.5', '1e3', '007', '99999999999999999999'])('answers 400 for the malformed id %s', async (id) => {
    const services = await createTestServices();

    const response = await get(services, id);

    expect(response.statusCode).toBe(400);
    expect(response.body).toMatchObject({ errors: [{ path: 'id', message: 'must be a positive integer' }] });
  });
});

describe('GET /movies/{id}/ ETag', () => {
  const get = (services: TestServices, id: number, headers: Record<string, string> = {}) =>
    invokeRoute(getMovieRoute, getMovie, services, { params: { id }, headers });

  it('answers 304 without a body while the movie is unchanged', async () => {
    const services = await createTestServices();
    const movie = await services.movies.create({ title: 'Tagged' });
    const first = await get(services, movie.id);

    const second = await get(services, movie.id, { 'if-none-match': first.headers.etag! });

    expect(first.headers.etag).toBeDefined();
    expect(second.statusCode).toBe(304);
    expect(second.raw.byteLength).toBe(0);
  });

  it('changes the ETag when the rating changes, and answers the new movie to the old tag', async () => {
    const services = await createTestServices();
    const movie = await services.movies.create({ title: 'Rated' });
    const before = await get(services, movie.id);

    await services.ratings.rate({ movieId: movie.id, value: 4 });
    const after = await get(services, movie.id, { 'if-none-match': before.headers.etag! });

    expect(after.statusCode).toBe(200);
    expect(after.body).toMatchObject({ rating: 4, rating_count: 1 });
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('changes the ETag when the summary arrives', async () => {
    const generate = jest.fn().mockRejectedValueOnce(new Error('503')).mockResolvedValue({ text: 'Now summarised.', source: 'facts' });
    const services = await createTestServices({ generator: { generate } });
    const movie = await services.movies.create({ title: 'Late summary' });
    const without = await get(services, movie.id);

    const withSummary = await get(services, movie.id, { 'if-none-match': without.headers.etag! });

    expect(without.body).toMatchObject({ summary: null });
    expect(withSummary.statusCode).toBe(200);
    expect(withSummary.body).toMatchObject({ summary: 'Now summarised.' });
    expect(withSummary.headers.etag).not.toBe(without.headers.etag);
  });
});
