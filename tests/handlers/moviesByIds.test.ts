import { listMoviesRoute } from '../../lib/schemas/routes/movies';
import { listMovies } from '../../functions/movies/listMovies';
import { invokeRoute } from '../support/invokeRoute';
import { createTestServices, type TestServices } from '../support/services';
import { createMovieSummariesRepository } from '../../lib/repositories/movieSummariesRepository';

interface Page {
  count: number;
  page: number;
  page_size: number;
  total_pages: number;
  results: { id: number; title: string; summary: string | null }[];
}

describe('GET /movies/?ids= (listMovies): many films at once', () => {
  let services: TestServices;
  const ids: number[] = [];
  beforeAll(async () => {
    services = await createTestServices();
    for (const title of ['Alpha', 'Bravo', 'Charlie', 'Delta']) ids.push((await services.movies.create({ title })).id);
  });
  const lookUp = (query: Record<string, string>) => invokeRoute(listMoviesRoute, listMovies, services, { query });
  const refusal = async (query: Record<string, string>) => {
    const response = await lookUp(query);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    return response.body as { detail: string; errors: { path: string; message: string }[] };
  };

  it('answers the movies in the order the ids were given, on one page', async () => {
    const [alpha, bravo, charlie] = ids as [number, number, number];

    const response = await lookUp({ ids: `${charlie},${alpha},${bravo}` });

    expect(response.statusCode).toBe(200);
    const page = response.body as Page;
    expect(page.results.map((movie) => movie.title)).toEqual(['Charlie', 'Alpha', 'Bravo']);
    expect(page).toMatchObject({ count: 3, page: 1, page_size: 3, total_pages: 1 });
  });

  it('leaves unknown ids out and count only the films found', async () => {
    const [alpha, , , delta] = ids as [number, number, number, number];

    const page = (await lookUp({ ids: `${delta},999999,${alpha},888888` })).body as Page;

    expect(page.results.map((movie) => movie.title)).toEqual(['Delta', 'Alpha']);
    expect(page).toMatchObject({ count: 2, page: 1, page_size: 4, total_pages: 1 });
  });

  it('answers an empty page when none of the ids is known', async () => {
    expect((await lookUp({ ids: '999998,999999' })).body).toEqual({ count: 0, page: 1, page_size: 2, total_pages: 0, results: [] });
  });

  it('answers the stored summary, never writing one (the listing shape)', async () => {
    const [alpha, bravo] = ids as [number, number];
    await createMovieSummariesRepository(services.db).storeSummary(alpha, { summary: 'Stored.', summary_source: 'facts' });

    const page = (await lookUp({ ids: `${alpha},${bravo}` })).body as Page;

    expect(page.results.map((movie) => movie.summary)).toEqual(['Stored.', null]);
  });

  it('takes 100 ids and refuse 101', async () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1).join(',');
    expect((await lookUp({ ids: hundred })).statusCode).toBe(200);

    const body = await refusal({ ids: `${hundred},101` });
    expect(body.errors).toEqual([{ path: 'ids', message: 'must list at most 100 ids; 101 were given' }]);
  });

  it('refuses a repeated id, naming it', async () => {
    const body = await refusal({ ids: '3,7,3' });
    expect(body.errors).toEqual([{ path: 'ids', message: 'must list each id once; 3 is repeated' }]);
  });

  it.each([['abc'], ['1.5'], ['0'], ['-3'], ['1e3'], [' 4'], ['4,'], [',4'], ['1,,2'], ['']])('refuses %j as an id list', async (ids) => {
    const body = await refusal({ ids });
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ path: 'ids' });
    expect(body.errors[0]!.message).toMatch(/^must list 1 to 100 positive integer ids separated by commas/);
  });

  it('names the id that is not a positive integer', async () => {
    const body = await refusal({ ids: '4,x7,0' });
    expect(body.errors[0]!.message).toBe('must list 1 to 100 positive integer ids separated by commas; "x7" is not one');
  });

  it.each([
    ['search', 'alpha'],
    ['genre', 'Drama'],
    ['ordering', '-score'],
    ['ordering', 'title'],
    ['page', '1'],
    ['page_size', '20'],
  ])('refuses ids with %s, which a lookup by id does not take', async (name, value) => {
    const body = await refusal({ ids: String(ids[0]), [name]: value });
    expect(body.errors).toEqual([{ path: name, message: 'cannot be combined with ids' }]);
  });

  it('still lists the catalogue, ordered by title by default, without ids', async () => {
    const page = (await lookUp({})).body as Page;
    expect(page).toMatchObject({ page: 1, page_size: 20 });
    expect(page.results.map((movie) => movie.title)).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta']);
  });
});
