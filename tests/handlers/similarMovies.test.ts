import { createRatingsRepository } from '../../lib/repositories/ratingsRepository';
import { SimilarMovies } from '../../lib/schemas/movies';
import { similarMoviesRoute } from '../../lib/schemas/routes/movies';
import { similarMovies } from '../../functions/movies/similarMovies';
import { invokeRoute } from '../support/invokeRoute';
import { createTestServices, type TestServices } from '../support/services';
import { createMovieSearchRepository } from '../../lib/repositories/movieSearchRepository';
import { createSimilarMoviesRepository } from '../../lib/repositories/similarMoviesRepository';
import { createUsersRepository } from '../../lib/repositories/usersRepository';

describe('GET /movies/{id}/similar/ (similarMovies)', () => {
  let services: TestServices;
  beforeEach(async () => {
    services = await createTestServices();
  });

  const similar = async (id: number | string, query: Record<string, string> = {}) => {
    const response = await invokeRoute(similarMoviesRoute, similarMovies, services, { params: { id }, query });
    return response;
  };
  const titles = (body: unknown) => SimilarMovies.parse(body).results.map((movie) => movie.title);
  const movie = (title: string, fields: { genres?: string[]; year?: number } = {}) => services.movies.create({ title, ...fields });
  let nextUser = 0;
  const user = async () =>
    (await createUsersRepository(services.db).create({ email: `fan${nextUser++}@example.com`, passwordHash: 'x', role: 'basic' }))!.id;
  const rate = (userId: number, movieId: number, value: number) =>
    createRatingsRepository(services.db).upsertForUser(movieId, userId, value);

  it('puts first the films that the people who rated this one 4-5 also rated 4-5, most shared first', async () => {
    const heat = await movie('Heat');
    const [ronin, collateral, thief, cats] = await Promise.all([movie('Ronin'), movie('Collateral'), movie('Thief'), movie('Cats')]);
    const [ann, bob, cy, dee] = [await user(), await user(), await user(), await user()];
    for (const fan of [ann, bob, cy]) await rate(fan, heat.id, 5);
    await rate(dee, heat.id, 2); // not a fan: her tastes do not count
    for (const fan of [ann, bob, cy]) await rate(fan, collateral.id, 4);
    for (const fan of [ann, bob]) await rate(fan, ronin.id, 5);
    await rate(ann, thief.id, 4);
    await rate(bob, cats.id, 1); // rated, but not highly
    await rate(dee, cats.id, 5);
    await services.ratings.rate({ movieId: cats.id, value: 5 }); // anonymous: no one to share it with

    const response = await similar(heat.id);

    expect(response.statusCode).toBe(200);
    expect(titles(response.body)).toEqual(['Collateral', 'Ronin', 'Thief']);
  });

  it('fills up with films by the same director, then sharing a genre, nearest in year, never the film itself', async () => {
    await services.catalogue.importFilms([
      { title: 'Heat', year: 1995, genres: ['Crime'], director: 'Michael Mann', running_time_min: 170, import_key: '1995:heat' },
      {
        title: 'Collateral',
        year: 2004,
        genres: ['Thriller'],
        director: 'Michael Mann',
        running_time_min: 120,
        import_key: '2004:collateral',
      },
      { title: 'Casino', year: 1995, genres: ['Crime'], director: 'Martin Scorsese', running_time_min: 178, import_key: '1995:casino' },
      {
        title: 'The Untouchables',
        year: 1987,
        genres: ['Crime'],
        director: 'Brian De Palma',
        running_time_min: 119,
        import_key: '1987:the untouchables',
      },
      { title: 'Scarface', year: 1932, genres: ['Crime'], director: 'Howard Hawks', running_time_min: 93, import_key: '1932:scarface' },
      { title: 'Toy Story', year: 1995, genres: ['Comedy'], director: 'John Lasseter', running_time_min: 81, import_key: '1995:toy story' },
    ]);
    const heat = (await createMovieSearchRepository(services.db).list({ offset: 0, limit: 1, search: 'heat' })).movies[0]!;

    const response = await similar(heat.id, { limit: '4' });

    expect(titles(response.body)).toEqual(['Collateral', 'Casino', 'The Untouchables', 'Scarface']);
  });

  it('answers films without their summaries, at most limit of them, 10 by default', async () => {
    const target = await movie('Target', { genres: ['Drama'], year: 2000 });
    for (let i = 0; i < 12; i += 1) await movie(`Drama ${i}`, { genres: ['Drama'], year: 2000 + i });

    const byDefault = await similar(target.id);
    const three = await similar(target.id, { limit: '3' });

    expect(SimilarMovies.parse(byDefault.body).results).toHaveLength(10);
    expect(titles(three.body)).toEqual(['Drama 0', 'Drama 1', 'Drama 2']);
    expect((three.body as { results: object[] }).results[0]).not.toHaveProperty('summary');
    expect(titles(byDefault.body)).not.toContain('Target');
  });

  it('answers an empty list for a film with nothing in common with any other', async () => {
    const alone = await movie('Alone');
    await movie('Other', { genres: ['Drama'] });

    expect((await similar(alone.id)).body).toEqual({ results: [] });
  });

  it('answers 404 for an unknown movie and 400 for a limit outside 1-50', async () => {
    const film = await movie('Film');

    expect((await similar(film.id + 100)).statusCode).toBe(404);
    for (const limit of ['0', '51', 'x', '2.5']) {
      const response = await similar(film.id, { limit });
      expect(response.statusCode).toBe(400);
      expect(response.body).toMatchObject({ errors: [{ path: 'limit', message: 'must be an integer from 1 to 50' }] });
    }
  });

  it('reads ratings only through bounded index ranges, never scanning the ratings table', async () => {
    const film = await movie('Film');

    const plan = (await createSimilarMoviesRepository(services.db).similarQueryPlan(film.id, 10)).join('\n');

    expect(plan).toMatch(/ratings USING (COVERING )?INDEX ratings_by_movie_value_user/);
    expect(plan).toMatch(/ratings USING (COVERING )?INDEX ratings_by_user_value_movie/);
    expect(plan).not.toMatch(/SCAN ratings\b(?! USING)/);
    expect(plan).not.toMatch(/SCAN movies\b(?! USING)/);
  });
});
