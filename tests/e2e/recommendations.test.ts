import { uniqueEmail } from '../support/auth';
import { api, createMovie } from './http';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function register(name: string): Promise<string> {
  const response = await api('/auth/register/', { method: 'POST', body: { email: uniqueEmail(name), password: 'an-e2e-password' } });
  return (response.body as { access_token: string }).access_token;
}

interface Recommendation {
  movie: { id: number; title: string };
  because: number[];
}

// Every answer here is also checked against the OpenAPI document by api() (status, headers, body).
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
      expect((await api('/ratings/', { method: 'POST', body: { movie, value: 5 }, headers: bearer(token) })).status).toBe(201);
    }

    const response = await api('/users/me/recommendations/?limit=5', { headers: bearer(me) });

    expect(response.status).toBe(200);
    const results = (response.body as { results: Recommendation[] }).results;
    expect(results[0]).toMatchObject({ movie: { id: liked.id }, because: [seed.id] });
    expect(results.map(({ movie }) => movie.id)).not.toContain(seed.id);
    expect((await api('/users/me/recommendations/')).status).toBe(401);
    expect((await api('/users/me/recommendations?limit=51', { headers: bearer(me) })).status).toBe(400);
  });

  it('looks up films by id in the order given, leave unknown ones out, and refuse a repeated id', async () => {
    const [first, second] = [await createMovie({ title: 'Looked up 1' }), await createMovie({ title: 'Looked up 2' })];

    const response = await api(`/movies/?ids=${second.id},999999999,${first.id}`);
    const repeated = await api(`/movies/?ids=${first.id},${first.id}`);
    const withOrdering = await api(`/movies/?ids=${first.id}&ordering=title`);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ count: 2, page: 1, page_size: 3, total_pages: 1 });
    expect((response.body as { results: { id: number }[] }).results.map((movie) => movie.id)).toEqual([second.id, first.id]);
    expect(repeated).toMatchObject({
      status: 400,
      body: { errors: [{ path: 'ids', message: `must list each id once; ${first.id} is repeated` }] },
    });
    expect(withOrdering).toMatchObject({ status: 400, body: { errors: [{ path: 'ordering', message: 'cannot be combined with ids' }] } });
  });
});
