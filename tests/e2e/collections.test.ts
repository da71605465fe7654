import { bearer, uniqueEmail } from '../support/auth';
import { api, client, createMovie } from './http';

/** A new account's access token. */
async function register(): Promise<string> {
  const response = await client().registerUser({ body: { email: uniqueEmail('collector'), password: 'an-e2e-password' } });
  if (response.status !== 201) throw new Error(`could not register: ${response.status}`);
  return response.body.access_token;
}

interface Collection {
  id: number;
  title: string;
  movie_ids: number[];
  movies: { results: { id: number; title: string }[] };
}

describe('collections over HTTP', () => {
  let ann: string;
  let bob: string;
  beforeAll(async () => {
    [ann, bob] = [await register(), await register()];
  });

  it.each(['/', ''])('creates, reads, replaces, lists and deletes a collection (trailing slash "%s")', async (slash) => {
    const heat = await createMovie({ title: 'E2E Heat', genres: ['Crime', 'Drama'] });
    const alien = await createMovie({ title: 'E2E Alien', genres: ['Horror'] });

    const created = await api(`/collections${slash}`, {
      method: 'POST',
      headers: bearer(ann),
      body: { title: 'Mine', movies: [heat.id, alien.id, heat.id] },
    });
    const { id } = created.body as Collection;
    const read = await api(`/collections/${id}${slash}`, { headers: bearer(ann) });
    const replaced = await api(`/collections/${id}${slash}`, {
      method: 'PUT',
      headers: bearer(ann),
      body: { title: 'Renamed', movies: [alien.id] },
    });
    const listed = await api(`/collections${slash}`, { headers: bearer(ann) });
    const removed = await api(`/collections/${id}${slash}`, { method: 'DELETE', headers: bearer(ann) });
    const after = await api(`/collections/${id}${slash}`, { headers: bearer(ann) });

    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/collections/${id}/`);
    expect((created.body as Collection).movies.results.map((m) => m.id)).toEqual([heat.id, alien.id]);
    expect(read).toMatchObject({ status: 200, body: { id, title: 'Mine', movie_count: 2, movie_ids: [heat.id, alien.id] } });
    expect(replaced).toMatchObject({
      status: 200,
      body: { id, title: 'Renamed', movie_ids: [alien.id], movies: { results: [{ id: alien.id }] } },
    });
    expect(listed).toMatchObject({ status: 200, body: { favourite_genres: ['Horror'] } });
    expect((listed.body as { results: Collection[] }).results.find((c) => c.id === id)).toMatchObject({
      movie_count: 1,
      movie_ids: [alien.id],
    });
    expect(removed.status).toBe(204);
    expect(after.status).toBe(404);
  });

  it('keeps a collection from everyone but its owner, and refuses unknown movies', async () => {
    const [asAnn, asBob] = [client(ann), client(bob)];
    const created = await asAnn.createCollection({ body: { title: 'Private' } });
    if (created.status !== 201) throw new Error(`could not create a collection: ${created.status}`);
    const params = { id: created.body.id };

    expect((await asBob.getCollection({ params })).status).toBe(404);
    expect((await asBob.replaceCollection({ params, body: { title: 'Taken' } })).status).toBe(404);
    expect((await asBob.deleteCollection({ params })).status).toBe(404);
    expect((await client().getCollection({ params })).status).toBe(401);
    expect((await asAnn.getCollection({ params })).body).toMatchObject({ title: 'Private' });
    expect(await asAnn.getCollection({ params, query: { page_size: 101 } })).toMatchObject({
      status: 400,
      body: { errors: [{ path: 'page_size', message: 'must be an integer from 1 to 100' }] },
    });
    const unknown = await asAnn.createCollection({ body: { title: 'Ghosts', movies: [2_000_000_000] } });
    expect(unknown).toMatchObject({ status: 400, body: { errors: [{ path: 'movies.0', message: 'movie 2000000000 does not exist' }] } });
  });
});
