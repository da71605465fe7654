import { randomUUID } from 'node:crypto';
import { api, client, createMovie } from './http';

interface Page {
  count: number;
  page: number;
  page_size: number;
  total_pages: number;
  results: { id: number; title: string; genres: string[]; rating: number | null }[];
}

// Suites share one server and database: every search here looks for words only this suite uses.
describe('GET /movies/ over HTTP', () => {
  const word = `zq${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    await createMovie({ title: `${word} Alpha`, genres: ['Noir'], year: 1950 });
    await createMovie({ title: `Beta ${word}`, genres: ['noir', 'Drama'], year: 1960 });
    await createMovie({ title: `${word} Gamma`, genres: ['Comedy'], year: 1940 });
  });

  it.each(['/movies/', '/movies'])('GET %s searches, filters, orders and pages', async (path) => {
    const response = await api(`${path}?search=${word.toUpperCase()}&genre=NOIR&ordering=-year&page_size=1`);

    expect(response.status).toBe(200);
    const page = response.body as Page;
    expect(page).toMatchObject({ count: 2, page: 1, page_size: 1, total_pages: 2 });
    expect(page.results.map((m) => m.title)).toEqual([`Beta ${word}`]);
  });

  it('answers a page past the end with no results', async () => {
    const response = await client().listMovies({ query: { search: word, page: 9 } });

    expect(response).toMatchObject({ status: 200, body: { count: 3, page: 9, results: [] } });
  });

  it.each([
    ['page=0', 'page'],
    ['page=-2', 'page'],
    ['page=two', 'page'],
    ['page_size=101', 'page_size'],
    ['ordering=id', 'ordering'],
  ])('answers ?%s with a 400 problem naming %s', async (query, field) => {
    const response = await api(`/movies/?${query}`);

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body).toMatchObject({ errors: [{ path: field }] });
  });

  it.each(['"', 'AND', 'NEAR(a b)', '*', "'; DROP TABLE movies; --"])('answers 200 to the search %j', async (text) => {
    const response = await client().listMovies({ query: { search: text } });

    expect(response.status).toBe(200);
  });
});

describe('ETag over HTTP', () => {
  it('answers 304 to the current tag, and the new movie once a rating changed it', async () => {
    const movie = await createMovie({ title: `Tagged ${randomUUID()}` });
    const first = await client().getMovie({ params: { id: movie.id } });
    const tag = first.headers.get('etag') ?? '';

    const unchanged = await client().getMovie({ params: { id: movie.id }, ifNoneMatch: tag });
    await client().createRating({ body: { movie: movie.id, value: 5 } });
    const changed = await api(`/movies/${movie.id}`, { headers: { 'if-none-match': tag } });

    expect(tag).toMatch(/^"[\w-]+"$/);
    expect(unchanged).toMatchObject({ status: 304, body: undefined });
    expect(unchanged.headers.get('etag')).toBe(tag);
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ rating: 5, rating_count: 1 });
    expect(changed.headers.get('etag')).not.toBe(tag);
  });
});

describe('GET /request-count/ over HTTP', () => {
  it.each(['/request-count/', '/request-count'])('GET %s grows by at least the requests sent meanwhile', async (path) => {
    const before = (await api(path)).body as { requests: number };
    for (let i = 0; i < 5; i++) await api('/health/');

    const after = await api(path);

    expect(after.status).toBe(200);
    expect((after.body as { requests: number }).requests).toBeGreaterThanOrEqual(before.requests + 6);
  });
});
