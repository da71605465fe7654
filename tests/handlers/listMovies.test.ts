import { Movie } from '../../lib/schemas/movies';
import { listMoviesRoute } from '../../lib/schemas/routes/movies';
import { listMovies } from '../../functions/movies/listMovies';
import { invokeRoute } from '../support/invokeRoute';
import { bundledMoviesDataset, importMovies, readDataset } from '../../scripts/movieImport';
import { createTestServices, fakeSummaryGenerator, type TestServices } from '../support/services';
import { createMovieSummariesRepository } from '../../lib/repositories/movieSummariesRepository';

interface Page {
  count: number;
  page: number;
  page_size: number;
  total_pages: number;
  results: Movie[];
}

const list = (services: TestServices, query: Record<string, string> = {}) => invokeRoute(listMoviesRoute, listMovies, services, { query });
const titles = (response: { body: unknown }) => (response.body as Page).results.map((movie) => movie.title);

describe('GET /movies/ (listMovies): pagination', () => {
  let services: TestServices;
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
    expect(titles(await list(services, { page: '3', page_size: '10' }))).toEqual([
      'Movie 21',
      'Movie 22',
      'Movie 23',
      'Movie 24',
      'Movie 25',
    ]);
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
    await createMovieSummariesRepository(services.db).storeSummary(first.id, { summary: 'Stored.', summary_source: 'facts' });

    const response = await list(services);

    expect((response.body as Page).results[0]).toMatchObject({ id: first.id, summary: 'Stored.', summary_source: 'facts' });
    expect((response.body as Page).results[1]).toMatchObject({ summary: null });
    expect(generator.generate).not.toHaveBeenCalled();
  });
});

describe('GET /movies/?search=', () => {
  let services: TestServices;
  beforeAll(async () => {
    services = await createTestServices();
    const films = [
      'Star Wars',
      'Wars of the Stars',
      'Starship Troopers',
      'The Empire Strikes Back',
      'Amélie',
      "Schindler's List",
      'Ben-Hur',
    ];
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

  it.each([
    '"',
    '""',
    "'",
    '*',
    'star*',
    'AND',
    'star AND',
    'OR wars',
    'NOT',
    'NEAR(star wars)',
    '-star',
    '^star',
    'title:star',
    '(',
    ')',
    '{star}',
    'st"ar',
    ':',
    '+',
    '\\',
  ])('answers 200 to the search %j, whatever FTS syntax it holds', async (text) => {
    const response = await list(services, { search: text });

    expect(response.statusCode).toBe(200);
    expect(response.body).toMatchObject({ page: 1, results: expect.any(Array) });
  });

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

describe('GET /movies/?search=: best matches first', () => {
  let services: TestServices;
  beforeAll(async () => {
    services = await createTestServices();
    const films = ['White Heat', 'In the Heat of the Night', 'Heat and Dust', 'A Heat Wave in the Long Hot Summer', 'Heat', 'Dust'];
    for (const title of films) await services.movies.create({ title });
  });
  // By title these would be: A Heat Wave…, Heat, Heat and Dust, In the Heat of the Night, White Heat.
  const bestFirst = ['Heat', 'Heat and Dust', 'White Heat', 'In the Heat of the Night', 'A Heat Wave in the Long Hot Summer'];

  it('orders a search by relevance unless told otherwise: the exact title, then titles starting with the words, then the closest', async () => {
    expect(titles(await list(services, { search: 'heat' }))).toEqual(bestFirst);
    expect(titles(await list(services, { search: 'HEAT', ordering: 'relevance' }))).toEqual(bestFirst);
  });

  it('keeps any other order asked for', async () => {
    expect(titles(await list(services, { search: 'heat', ordering: 'title' }))).toEqual([...bestFirst].sort());
  });

  it('lists by title when relevance is asked for without a search', async () => {
    const response = await list(services, { ordering: 'relevance' });

    expect(response.statusCode).toBe(200);
    expect(titles(response)).toEqual([...bestFirst, 'Dust'].sort());
  });
});

describe('GET /movies/?genre=', () => {
  let services: TestServices;
  beforeAll(async () => {
    services = await createTestServices();
    await services.movies.create({ title: 'Heat', genres: ['Crime', 'Drama'] });
    await services.movies.create({ title: 'Amadeus', genres: ['drama'] });
    await services.movies.create({ title: 'Airplane!', genres: ['Comedy'] });
    await services.movies.create({ title: 'Untitled' });
  });
  const byGenre = async (query: Record<string, string>) => titles(await list(services, query));

  it('answers the movies of one genre, compared case-insensitively', async () => {
    expect(await byGenre({ genre: 'Drama' })).toEqual(['Amadeus', 'Heat']);
    expect(await byGenre({ genre: 'DRAMA' })).toEqual(['Amadeus', 'Heat']);
    expect(await byGenre({ genre: ' crime ' })).toEqual(['Heat']);
  });

  it('answers no movie for a genre nobody has', async () => {
    expect((await list(services, { genre: 'Western' })).body).toMatchObject({ count: 0, results: [] });
  });

  it('combines with a search', async () => {
    expect(await byGenre({ genre: 'drama', search: 'he' })).toEqual(['Heat']);
  });

  it('refuses a genre over 50 characters', async () => {
    const response = await list(services, { genre: 'g'.repeat(51) });

    expect(response.statusCode).toBe(400);
    expect(response.body).toMatchObject({ errors: [{ path: 'genre', message: 'must be a string of 1 to 50 characters' }] });
  });
});

describe('GET /movies/?ordering=', () => {
  let services: TestServices;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    services = await createTestServices();
    // title, year, ratings, created_at
    const films: [string, number | null, number[], string][] = [
      ['brazil', 1985, [5, 4], '2024-01-03T00:00:00.000Z'],
      ['Alien', 1979, [3], '2024-01-01T00:00:00.000Z'],
      ['Casablanca', 1942, [], '2024-01-02T00:00:00.000Z'],
      ['Dune', null, [2, 2, 2], '2024-01-05T00:00:00.000Z'],
      ['Eraserhead', 1985, [5, 3], '2024-01-04T00:00:00.000Z'],
    ];
    for (const [title, year, values, createdAt] of films) {
      const movie = await services.movies.create({ title, year });
      ids[title] = movie.id;
      for (const value of values) await services.ratings.rate({ movieId: movie.id, value });
      await services.db.execute({ sql: 'UPDATE movies SET created_at = ? WHERE id = ?', args: [createdAt, movie.id] });
    }
  });
  const ordered = async (ordering: string) => titles(await list(services, { ordering }));

  it('orders by title by default, ignoring case', async () => {
    expect(titles(await list(services))).toEqual(['Alien', 'brazil', 'Casablanca', 'Dune', 'Eraserhead']);
    expect(await ordered('title')).toEqual(['Alien', 'brazil', 'Casablanca', 'Dune', 'Eraserhead']);
    expect(await ordered('')).toEqual(['Alien', 'brazil', 'Casablanca', 'Dune', 'Eraserhead']);
    expect(await ordered('-title')).toEqual(['Eraserhead', 'Dune', 'Casablanca', 'brazil', 'Alien']);
  });

  it('orders by year, unknown years lowest, ties by id in the same direction', async () => {
    expect(await ordered('year')).toEqual(['Dune', 'Casablanca', 'Alien', 'brazil', 'Eraserhead']);
    expect(await ordered('-year')).toEqual(['Eraserhead', 'brazil', 'Alien', 'Casablanca', 'Dune']);
  });

  it('orders by the mean rating, unrated movies lowest', async () => {
    expect(await ordered('-rating')).toEqual(['brazil', 'Eraserhead', 'Alien', 'Dune', 'Casablanca']);
    expect(await ordered('rating')).toEqual(['Casablanca', 'Dune', 'Alien', 'Eraserhead', 'brazil']);
  });

  it('orders by the number of ratings', async () => {
    expect(await ordered('-rating_count')).toEqual(['Dune', 'Eraserhead', 'brazil', 'Alien', 'Casablanca']);
    expect(await ordered('rating_count')).toEqual(['Casablanca', 'Alien', 'brazil', 'Eraserhead', 'Dune']);
  });

  it('orders by creation time', async () => {
    expect(await ordered('created_at')).toEqual(['Alien', 'Casablanca', 'brazil', 'Eraserhead', 'Dune']);
    expect(await ordered('-created_at')).toEqual(['Dune', 'Eraserhead', 'brazil', 'Casablanca', 'Alien']);
  });

  it('keeps the order across pages', async () => {
    const pages = [];
    for (const page of ['1', '2', '3']) pages.push(...titles(await list(services, { ordering: '-rating', page, page_size: '2' })));

    expect(pages).toEqual(await ordered('-rating'));
  });

  it.each(['foo', 'id', '--year', '+year', 'rating,-year', 'Title', ' year'])(
    'refuses ordering=%j, naming the allowed values',
    async (ordering) => {
      const response = await list(services, { ordering });

      expect(response.statusCode).toBe(400);
      expect(response.body).toMatchObject({
        errors: [
          {
            path: 'ordering',
            message:
              'must be one of title, year, rating, rating_count, score, created_at, each optionally prefixed with - for descending order, or relevance',
          },
        ],
      });
    },
  );
});

describe('GET /movies/?search= over the film dataset', () => {
  let services: TestServices;
  beforeAll(async () => {
    services = await createTestServices();
    await importMovies(readDataset(bundledMoviesDataset()), { catalogue: services.catalogue });
  });

  it('finds the two King Kongs, and only them', async () => {
    const response = await list(services, { search: 'kong KING' });

    expect((response.body as Page).results.map((m) => [m.title, m.year])).toEqual([
      ['King Kong', 1976],
      ['King Kong', 2005],
    ]);
  });

  it.each([
    ['leon', 'Léon'],
    ['deja vu', 'Déjà Vu'],
    ['amelie', "Le Fabuleux destin d'Amélie Poulain"],
    ['naked gun 2½', 'The Naked Gun 2½: The Smell of Fear'],
    ['dollaro piu', 'Per qualche dollaro in più'],
  ])('finds %p, a title the dataset garbled, as it is really written: %p', async (search, title) => {
    expect(titles(await list(services, { search }))).toEqual([title]);
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

describe('GET /movies/?ordering=-score from the first rating (issue 19)', () => {
  it('ranks thirty 5s above one 5 on a catalogue that had no rating before: C is the midpoint 3 until first refreshed', async () => {
    // An empty catalogue: C has never been computed from a rating, as right after `npm start` on a fresh database.
    const services = await createTestServices({ env: { SCORE_MIN_VOTES: '10' } });
    // Created first, so a tie on score (the old plain-mean fallback gave both 5) would put it second.
    const many = await services.movies.create({ title: 'Thirty fives' });
    const one = await services.movies.create({ title: 'A single five' });
    const low = await services.movies.create({ title: 'Thirty ones' });
    for (let i = 0; i < 30; i++) await services.ratings.rate({ movieId: many.id, value: 5 });
    await services.ratings.rate({ movieId: one.id, value: 5 });
    for (let i = 0; i < 30; i++) await services.ratings.rate({ movieId: low.id, value: 1 });

    const response = await list(services, { ordering: '-score' });

    expect(titles(response)).toEqual(['Thirty fives', 'A single five', 'Thirty ones']);
    const scores = (response.body as Page).results.map((movie) => movie.score);
    // v/(v+m)·R + m/(v+m)·C with m = 10 and C = 3.
    expect(scores[0]).toBeCloseTo((30 * 5 + 10 * 3) / 40, 12);
    expect(scores[1]).toBeCloseTo((5 + 10 * 3) / 11, 12);
    expect(scores[2]).toBeCloseTo((30 * 1 + 10 * 3) / 40, 12);
  });
});
