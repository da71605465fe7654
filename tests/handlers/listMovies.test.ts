import type { Services } from '../../lib/container';
import { createHttpHandler } from '../../lib/http/createHttpHandler';
import { Movie } from '../../lib/schemas/movies';
import { listMoviesRoute } from '../../lib/schemas/routes/movies';
import { listMovies } from '../../functions/movies/listMovies';
import { httpEvent } from '../support/events';
import { invoke } from '../support/invoke';
import { createTestServices, fakeSummaryGenerator } from '../support/services';

interface Page {
  count: number;
  page: number;
  page_size: number;
  total_pages: number;
  results: Movie[];
}

const list = (services: Services, query: Record<string, string> = {}) =>
  invoke(createHttpHandler(listMoviesRoute, listMovies, async () => services), httpEvent({ path: '/movies/', query }));
const titles = (response: { body: unknown }) => (response.body as Page).results.map((movie) => movie.title);

describe('GET /movies/ (listMovies): pagination', () => {
  let services: Services;
  const generator = fakeSummaryGenerator();
  beforeAll(async () => {
    services = await createTestServices({ generator });
    for (let i = 1; i <= 25; i++) await services.movies.create({ title: `Movie ${String(i).padStart(2, '0')}` });
  });

  it('answers the first 20 movies and the page facts by default', async () => {
    const response = await list(services);

    expect(response.statusCode).toBe(200);
    expect(response.body).toMatchObject({ count: 25, page: 1, page_size: 20, total_pages: 2 });
    const page = response.body as Page;
    expect(page.results).toHaveLength(20);
    page.results.forEach((movie) => Movie.parse(movie));
    expect(page.results[0]).toMatchObject({ title: 'Movie 01', summary: null, rating: null });
  });

  it('answers the page asked for, of the size asked for', async () => {
    const response = await list(services, { page: '2', page_size: '10' });

    expect(response.body).toMatchObject({ count: 25, page: 2, page_size: 10, total_pages: 3 });
    expect(titles(response)).toEqual(Array.from({ length: 10 }, (_, i) => `Movie ${i + 11}`));
  });

  it('answers the last, partial page', async () => {
    expect(titles(await list(services, { page: '3', page_size: '10' }))).toEqual(['Movie 21', 'Movie 22', 'Movie 23', 'Movie 24', 'Movie 25']);
  });

  it('answers a page past the end with 200 and no results', async () => {
    const response = await list(services, { page: '4', page_size: '10' });

    expect(response.statusCode).toBe(200);
    expect(response.body).toEqual({ count: 25, page: 4, page_size: 10, total_pages: 3, results: [] });
  });

  it('allows page_size up to 100', async () => {
    const response = await list(services, { page_size: '100' });

    expect(response.body).toMatchObject({ page_size: 100, total_pages: 1 });
    expect(titles(response)).toHaveLength(25);
  });

  it.each([
    ['page', '0', 'must be an integer from 1 to 1000000'],
    ['page', '-1', 'must be an integer from 1 to 1000000'],
    ['page', 'abc', 'must be an integer from 1 to 1000000'],
    ['page', '1.5', 'must be an integer from 1 to 1000000'],
    ['page', '', 'must be an integer from 1 to 1000000'],
    ['page', '1e3', 'must be an integer from 1 to 1000000'],
    ['page', '99999999999999999999', 'must be an integer from 1 to 1000000'],
    ['page_size', '0', 'must be an integer from 1 to 100'],
    ['page_size', '101', 'must be an integer from 1 to 100'],
    ['page_size', '-5', 'must be an integer from 1 to 100'],
    ['page_size', 'ten', 'must be an integer from 1 to 100'],
  ])('answers 400 naming %s for %j', async (field, value, message) => {
    const response = await list(services, { [field]: value });

    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.body).toMatchObject({ status: 400, errors: [{ path: field, message }] });
  });

  it('reports a bad page and a bad page_size together', async () => {
    const response = await list(services, { page: '0', page_size: '500' });

    expect((response.body as { errors: { path: string }[] }).errors.map((e) => e.path).sort()).toEqual(['page', 'page_size']);
  });

  it('shows a stored summary, and never asks the LLM for one', async () => {
    const first = ((await list(services)).body as Page).results[0]!;
    await services.movies.storeSummary(first.id, { summary: 'Stored.', summary_source: 'simulated' });

    const response = await list(services);

    expect((response.body as Page).results[0]).toMatchObject({ id: first.id, summary: 'Stored.', summary_source: 'simulated' });
    expect((response.body as Page).results[1]).toMatchObject({ summary: null });
    expect(generator.generate).not.toHaveBeenCalled();
  });
});

describe('GET /movies/ on an empty catalogue', () => {
  it('answers count 0, no pages and no results', async () => {
    const response = await list(await createTestServices());

    expect(response.statusCode).toBe(200);
    expect(response.body).toEqual({ count: 0, page: 1, page_size: 20, total_pages: 0, results: [] });
  });
});
