import type { Services } from '../../lib/container';
import { createHttpHandler } from '../../lib/http/createHttpHandler';
import { Movie } from '../../lib/schemas/movies';
import { listMoviesRoute } from '../../lib/schemas/routes/movies';
import { listMovies } from '../../functions/movies/listMovies';
import { httpEvent } from '../support/events';
import { invoke } from '../support/invoke';
import { bundledMoviesDataset, importMovies, readDataset } from '../../lib/services/movieImport';
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

describe('GET /movies/?search=', () => {
  let services: Services;
  beforeAll(async () => {
    services = await createTestServices();
    const films = ['Star Wars', 'Wars of the Stars', 'Starship Troopers', 'The Empire Strikes Back', 'Amélie', "Schindler's List", 'Ben-Hur'];
    for (const title of films) await services.movies.create({ title });
  });
  const search = async (text: string) => titles(await list(services, { search: text })).sort();

  it('matches titles case-insensitively, with the words in any order', async () => {
    expect(await search('star wars')).toEqual(['Star Wars', 'Wars of the Stars']);
    expect(await search('WARS star')).toEqual(['Star Wars', 'Wars of the Stars']);
  });

  it('takes each word as the start of a word of the title', async () => {
    expect(await search('sta')).toEqual(['Star Wars', 'Starship Troopers', 'Wars of the Stars']);
    expect(await search('emp str')).toEqual(['The Empire Strikes Back']);
    expect(await search('ars')).toEqual([]);
  });

  it('ignores accents and punctuation', async () => {
    expect(await search('amelie')).toEqual(['Amélie']);
    expect(await search('schindlers')).toEqual([]);
    expect(await search("schindler's")).toEqual(["Schindler's List"]);
    expect(await search('ben hur')).toEqual(['Ben-Hur']);
    expect(await search('Ben-Hur')).toEqual(['Ben-Hur']);
  });

  it('counts and pages the matches only', async () => {
    const response = await list(services, { search: 'star', page_size: '2' });

    expect(response.body).toMatchObject({ count: 3, total_pages: 2 });
    expect(titles(response)).toHaveLength(2);
  });

  it('treats an empty search as no search', async () => {
    expect((await list(services, { search: '  ' })).body).toMatchObject({ count: 7 });
  });

  it.each(['"', '""', "'", '*', 'star*', 'AND', 'star AND', 'OR wars', 'NOT', 'NEAR(star wars)', '-star', '^star', 'title:star', '(', ')', '{star}', 'st"ar', ':', '+', '\\'])(
    'answers 200 to the search %j, whatever FTS syntax it holds',
    async (text) => {
      const response = await list(services, { search: text });

      expect(response.statusCode).toBe(200);
      expect(response.body).toMatchObject({ page: 1, results: expect.any(Array) });
    },
  );

  it('finds nothing for a search with no word in it', async () => {
    expect((await list(services, { search: '"*()' })).body).toMatchObject({ count: 0, results: [] });
  });

  it('refuses a search over 200 characters', async () => {
    const response = await list(services, { search: 'a'.repeat(201) });

    expect(response.statusCode).toBe(400);
    expect(response.body).toMatchObject({ errors: [{ path: 'search', message: 'must be a string of at most 200 characters' }] });
  });

  it('finds movies created after others, and the new title after a change', async () => {
    const movie = await services.movies.create({ title: 'Zabriskie Point' });
    expect(await search('zabriskie')).toEqual(['Zabriskie Point']);

    await services.db.execute({ sql: "UPDATE movies SET title = 'Blow-Up' WHERE id = ?", args: [movie.id] });

    expect(await search('zabriskie')).toEqual([]);
    expect(await search('blow')).toEqual(['Blow-Up']);
  });
});

describe('GET /movies/?search= over the film dataset', () => {
  let services: Services;
  beforeAll(async () => {
    services = await createTestServices();
    await importMovies(readDataset(bundledMoviesDataset()), { movies: services.movies });
  });

  it('finds the two King Kongs, and only them', async () => {
    const response = await list(services, { search: 'kong KING' });

    expect((response.body as Page).results.map((m) => [m.title, m.year])).toEqual([
      ['King Kong', 1976],
      ['King Kong', 2005],
    ]);
  });

  it('finds the Star Wars films by two word starts', async () => {
    const response = await list(services, { search: 'sta wa', page_size: '100' });

    expect(titles(response).filter((title) => title.startsWith('Star Wars'))).toHaveLength(7);
    expect(titles(response).every((title) => /\bsta/i.test(title) && /\bwa/i.test(title))).toBe(true);
  });
});

describe('GET /movies/ on an empty catalogue', () => {
  it('answers count 0, no pages and no results', async () => {
    const response = await list(await createTestServices());

    expect(response.statusCode).toBe(200);
    expect(response.body).toEqual({ count: 0, page: 1, page_size: 20, total_pages: 0, results: [] });
  });
});
