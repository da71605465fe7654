import { bearer, uniqueEmail } from '../support/auth';
import { adminToken, api, client, createMovie } from './http';

// Every answer here is also checked against the OpenAPI document by client() and api() (status, headers, body).
describe('distribution, score, similar films and admin edits over HTTP', () => {
  it('keeps the distribution and score of a movie with its ratings, and lists it by score', async () => {
    const movie = await createMovie({ title: `Scored ${Date.now()}`, genres: ['Drama'], year: 1990 });
    for (const value of [5, 4, 5]) expect((await client().createRating({ body: { movie: movie.id, value } })).status).toBe(201);

    const read = await client().getMovie({ params: { id: movie.id } });
    const top = await client().listMovies({ query: { ordering: '-score', page_size: 100 } });

    if (read.status !== 200 || top.status !== 200) throw new Error(`could not read: ${read.status}, ${top.status}`);
    expect(read.body).toMatchObject({ rating_count: 3, rating_distribution: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 2 } });
    expect(typeof read.body.score).toBe('number');
    const scores = top.body.results.map((m) => m.score).filter((score): score is number => score !== null);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('answers similar films, 404 for an unknown movie and 400 for a bad limit', async () => {
    const word = `Kin${Date.now()}`;
    const movie = await createMovie({ title: `${word} one`, genres: [word], year: 2001 });
    await createMovie({ title: `${word} two`, genres: [word], year: 2003 });

    const similar = await client().similarMovies({ params: { id: movie.id }, query: { limit: 5 } });

    expect(similar).toMatchObject({ status: 200, body: { results: [{ title: `${word} two` }] } });
    expect((await client().similarMovies({ params: { id: 999999999 } })).status).toBe(404);
    expect((await api(`/movies/${movie.id}/similar?limit=0`)).status).toBe(400);
  });

  it('lets an admin correct, rewrite the summary of and delete a movie, and refuses anyone else', async () => {
    const token = await adminToken();
    const admin = client(token);
    const basic = await client().registerUser({ body: { email: uniqueEmail('catalogue'), password: 'an-e2e-password' } });
    if (basic.status !== 201) throw new Error(`could not register: ${basic.status}`);
    const movie = await createMovie({ title: 'Typo in teh title', year: 1999 });
    const params = { id: movie.id };
    await client().getMovie({ params });

    const refused = await client(basic.body.access_token).updateMovie({ params, body: { title: 'Mine' } });
    const patched = await admin.updateMovie({ params, body: { title: 'Typo in the title' } });
    const rewritten = await admin.regenerateSummary({ params });
    const deleted = await api(`/movies/${movie.id}`, { method: 'DELETE', headers: bearer(token) });

    expect(refused.status).toBe(403);
    expect(patched).toMatchObject({ status: 200, body: { title: 'Typo in the title', summary: null, summary_generated_at: null } });
    if (rewritten.status !== 200) throw new Error(`the summary was not rewritten: ${rewritten.status}`);
    expect(rewritten.body.summary).toContain('Typo in the title');
    expect(typeof rewritten.body.summary_generated_at).toBe('string');
    expect(deleted.status).toBe(204);
    expect((await client().getMovie({ params })).status).toBe(404);
  });
});
