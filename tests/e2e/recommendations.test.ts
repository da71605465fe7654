import { uniqueEmail } from '../support/auth';
import { client, createMovie } from './http';

async function register(name: string): Promise<string> {
  const response = await client().registerUser({ body: { email: uniqueEmail(name), password: 'an-e2e-password' } });
  if (response.status !== 201) throw new Error(`could not register: ${response.status}`);
  return response.body.access_token;
}

// Every answer here is also checked against the OpenAPI document by client() (status, headers, body).
describe('recommendations and looking up many films over HTTP', () => {
  it('recommends what the people who liked your films also liked, naming your film, and refuse anonymous callers', async () => {
    const stamp = Date.now();
    const [seed, liked] = [await createMovie({ title: `Seed ${stamp}` }), await createMovie({ title: `Liked ${stamp}` })];
    const [me, fellow] = [await register('recommended'), await register('fellow')];
    for (const [token, movie] of [
      [me, seed.id],
      [fellow, seed.id],
      [fellow, liked.id],
    ] as const) {
      expect((await client(token).createRating({ body: { movie, value: 5 } })).status).toBe(201);
    }

    const response = await client(me).listRecommendations({ query: { limit: 5 } });

    if (response.status !== 200) throw new Error(`no recommendations: ${response.status}`);
    const results = response.body.results;
    expect(results[0]).toMatchObject({ movie: { id: liked.id }, because: [seed.id] });
    expect(results.map(({ movie }) => movie.id)).not.toContain(seed.id);
    expect((await client().listRecommendations()).status).toBe(401);
    expect((await client(me).listRecommendations({ query: { limit: 51 } })).status).toBe(400);
  });

  it('looks up films by id in the order given, leave unknown ones out, and refuse a repeated id', async () => {
    const [first, second] = [await createMovie({ title: 'Looked up 1' }), await createMovie({ title: 'Looked up 2' })];

    const response = await client().listMovies({ query: { ids: `${second.id},999999999,${first.id}` } });
    const repeated = await client().listMovies({ query: { ids: `${first.id},${first.id}` } });
    const withOrdering = await client().listMovies({ query: { ids: `${first.id}`, ordering: 'title' } });

    if (response.status !== 200) throw new Error(`could not look up: ${response.status}`);
    expect(response.body).toMatchObject({ count: 2, page: 1, page_size: 3, total_pages: 1 });
    expect(response.body.results.map((movie) => movie.id)).toEqual([second.id, first.id]);
    expect(repeated).toMatchObject({
      status: 400,
      body: { errors: [{ path: 'ids', message: `must list each id once; ${first.id} is repeated` }] },
    });
    expect(withOrdering).toMatchObject({ status: 400, body: { errors: [{ path: 'ordering', message: 'cannot be combined with ids' }] } });
  });
});
