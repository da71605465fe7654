import { Movie } from '../../lib/schemas/movies';
import { deleteMovieRoute, getMovieRoute, regenerateSummaryRoute, updateMovieRoute } from '../../lib/schemas/routes/movies';
import { deleteMovie } from '../../functions/movies/deleteMovie';
import { getMovie } from '../../functions/movies/getMovie';
import { regenerateSummary } from '../../functions/movies/regenerateSummary';
import { updateMovie } from '../../functions/movies/updateMovie';
import type { SummaryGenerator } from '../../lib/llm/summaryGenerator';
import { signUp } from '../support/auth';
import { invokeRoute } from '../support/invokeRoute';
import { createTestServices, fakeSummaryGenerator, type TestServices } from '../support/services';
import { createMovieSearchRepository } from '../../lib/repositories/movieSearchRepository';

describe('admin edits of the catalogue', () => {
  let services: TestServices;
  let generator: ReturnType<typeof fakeSummaryGenerator>;
  let admin: Record<string, string>;
  let basic: Record<string, string>;
  beforeEach(async () => {
    generator = fakeSummaryGenerator('A fresh summary.');
    services = await createTestServices({ generator });
    admin = (await signUp(services, { role: 'admin' })).headers;
    basic = (await signUp(services)).headers;
  });

  const patch = (id: number, body: unknown, headers = admin) =>
    invokeRoute(updateMovieRoute, updateMovie, services, { params: { id }, body, headers });
  const remove = (id: number, headers = admin) => invokeRoute(deleteMovieRoute, deleteMovie, services, { params: { id }, headers });
  const regenerate = (id: number, headers = admin, on = services) =>
    invokeRoute(regenerateSummaryRoute, regenerateSummary, on, { params: { id }, headers });
  const read = (id: number) => invokeRoute(getMovieRoute, getMovie, services, { params: { id } });

  describe('PATCH /movies/{id}/', () => {
    it('changes only the fields given and clears the stored summary', async () => {
      const movie = await services.movies.create({ title: 'Inceptoin', description: 'Dreams', genres: ['Thriller'], year: 2010 });
      await read(movie.id);

      const response = await patch(movie.id, { title: ' Inception ' });

      expect(response.statusCode).toBe(200);
      expect(Movie.parse(response.body)).toMatchObject({
        title: 'Inception',
        description: 'Dreams',
        genres: ['Thriller'],
        year: 2010,
        summary: null,
        summary_source: null,
        summary_generated_at: null,
      });
      expect((await read(movie.id)).body).toMatchObject({ title: 'Inception', summary: 'A fresh summary.' });
      expect(generator.generate).toHaveBeenCalledTimes(2);
    });

    it('clears description and year with null, and refiles the genres', async () => {
      const movie = await services.movies.create({ title: 'Heat', description: 'Cops', genres: ['Crime'], year: 1995 });

      const response = await patch(movie.id, { description: null, year: null, genres: ['Thriller', 'Drama'] });

      expect(response.body).toMatchObject({ description: null, year: null, genres: ['Thriller', 'Drama'] });
      expect(
        (await createMovieSearchRepository(services.db).list({ offset: 0, limit: 5, genre: 'Drama' })).movies.map((m) => m.id),
      ).toEqual([movie.id]);
      expect((await createMovieSearchRepository(services.db).list({ offset: 0, limit: 5, genre: 'Crime' })).count).toBe(0);
    });

    it('keeps the stored summary when nothing changes', async () => {
      const movie = await services.movies.create({ title: 'Same', year: 2000 });
      await read(movie.id);

      const response = await patch(movie.id, { title: 'Same', year: 2000 });

      expect(response.body).toMatchObject({ summary: 'A fresh summary.' });
    });

    it('refuses a non-admin (403), an unknown movie (404), invalid fields and an empty change (400)', async () => {
      const movie = await services.movies.create({ title: 'Guarded' });

      expect((await patch(movie.id, { title: 'Mine' }, basic)).statusCode).toBe(403);
      expect((await patch(movie.id + 100, { title: 'Ghost' })).statusCode).toBe(404);
      expect((await patch(movie.id, { year: 1800 })).body).toMatchObject({
        status: 400,
        errors: [{ path: 'year', message: 'must be an integer from 1870 to 2100' }],
      });
      expect((await patch(movie.id, { title: '' })).body).toMatchObject({ status: 400, errors: [{ path: 'title' }] });
      expect((await patch(movie.id, { colour: 'red' })).body).toMatchObject({
        status: 400,
        errors: [{ path: '', message: 'must change at least one of title, description, genres, year' }],
      });
      expect((await services.movies.get(movie.id))?.title).toBe('Guarded');
    });
  });

  describe('DELETE /movies/{id}/', () => {
    it('removes the movie, its ratings and its places in collections, answering 204', async () => {
      const movie = await services.movies.create({ title: 'Doomed', genres: ['Drama'] });
      const kept = await services.movies.create({ title: 'Kept' });
      const owner = await signUp(services);
      await services.ratings.rate({ movieId: movie.id, value: 4 });
      await services.ratings.rateAsUser({ movieId: movie.id, userId: owner.id, value: 5 });
      const collection = await services.collections.create(owner.id, { title: 'Mine', description: null, movies: [movie.id, kept.id] });

      const response = await remove(movie.id);

      expect(response.statusCode).toBe(204);
      expect(response.body).toBeUndefined();
      await expect(services.movies.get(movie.id)).rejects.toThrow(`movie ${movie.id} does not exist`);
      const left = await services.db.execute({ sql: 'SELECT count(*) AS n FROM ratings WHERE movie_id = ?', args: [movie.id] });
      expect(left.rows[0]?.n).toBe(0);
      expect((await services.collections.get(collection.id, owner.id)).movies.results.map((m) => m.id)).toEqual([kept.id]);
      expect((await createMovieSearchRepository(services.db).list({ offset: 0, limit: 5, search: 'doomed' })).count).toBe(0);
      expect((await remove(movie.id)).statusCode).toBe(404);
    });

    it('refuses a non-admin with 403 and keeps the movie', async () => {
      const movie = await services.movies.create({ title: 'Guarded' });

      expect((await remove(movie.id, basic)).statusCode).toBe(403);
      expect(await services.movies.get(movie.id)).toBeDefined();
    });
  });

  describe('POST /movies/{id}/summary/', () => {
    it('writes a new summary replacing the stored one, with when it was written', async () => {
      const movie = await services.movies.create({ title: 'Alien', year: 1979 });
      await read(movie.id);
      generator.generate.mockResolvedValueOnce({ text: 'A better summary.', source: 'openai:gpt-4o-mini' });

      const response = await regenerate(movie.id);

      expect(response.statusCode).toBe(200);
      expect(Movie.parse(response.body)).toMatchObject({ summary: 'A better summary.', summary_source: 'openai:gpt-4o-mini' });
      expect(Date.parse((response.body as Movie).summary_generated_at!)).toBeGreaterThan(Date.now() - 60_000);
      expect((await read(movie.id)).body).toMatchObject({ summary: 'A better summary.' });
    });

    it('answers 502 and keeps the old summary when the LLM fails', async () => {
      const movie = await services.movies.create({ title: 'Aliens', year: 1986 });
      await read(movie.id);
      const failing: SummaryGenerator = { generate: jest.fn().mockRejectedValue(new Error('upstream 500')) };
      const withFailingLlm = await createTestServices({ db: services.db, generator: failing });

      const response = await regenerate(movie.id, admin, withFailingLlm);

      expect(response.statusCode).toBe(502);
      expect(response.headers['content-type']).toBe('application/problem+json');
      expect(JSON.stringify(response.body)).not.toMatch(/upstream 500/);
      expect((await services.movies.get(movie.id))?.summary).toBe('A fresh summary.');
    });

    it('refuses a non-admin (403) and an unknown movie (404)', async () => {
      const movie = await services.movies.create({ title: 'Guarded' });

      expect((await regenerate(movie.id, basic)).statusCode).toBe(403);
      expect((await regenerate(movie.id + 100)).statusCode).toBe(404);
      expect(generator.generate).not.toHaveBeenCalled();
    });
  });
});
