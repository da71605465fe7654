import { uniqueEmail } from '../support/auth';
import { api, createMovie } from './http';

interface Movie {
  id: number;
  title: string;
  rating_count: number;
  rating_distribution: Record<string, number>;
  score: number | null;
  summary: string | null;
  summary_generated_at: string | null;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function adminToken(): Promise<string> {
  const response = await api('/auth/token/', {
    method: 'POST',
    body: { email: process.env.E2E_ADMIN_EMAIL, password: process.env.E2E_ADMIN_PASSWORD },
  });
  return (response.body as { access_token: string }).access_token;
}

// Every answer here is also checked against the OpenAPI document by api() (status, headers, body).
describe('distribution, score, similar films and admin edits over HTTP', () => {
  it('keeps the distribution and score of a movie with its ratings, and lists it by score', async () => {
    const movie = await createMovie({ title: `Scored ${Date.now()}`, genres: ['Drama'], year: 1990 });
    for (const value of [5, 4, 5]) expect((await api('/ratings/', { method: 'POST', body: { movie: movie.id, value } })).status).toBe(201);

    const read = (await api(`/movies/${movie.id}`)).body as Movie;
    const top = await api('/movies/?ordering=-score&page_size=100');

    expect(read).toMatchObject({ rating_count: 3, rating_distribution: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 2 } });
    expect(typeof read.score).toBe('number');
    expect(top.status).toBe(200);
    const scores = (top.body as { results: Movie[] }).results.map((m) => m.score).filter((score): score is number => score !== null);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('answers similar films, 404 for an unknown movie and 400 for a bad limit', async () => {
    const word = `Kin${Date.now()}`;
    const movie = await createMovie({ title: `${word} one`, genres: [word], year: 2001 });
    await createMovie({ title: `${word} two`, genres: [word], year: 2003 });

    const similar = await api(`/movies/${movie.id}/similar/?limit=5`);

    expect(similar).toMatchObject({ status: 200, body: { results: [{ title: `${word} two` }] } });
    expect((await api('/movies/999999999/similar/')).status).toBe(404);
    expect((await api(`/movies/${movie.id}/similar?limit=0`)).status).toBe(400);
  });

  it('lets an admin correct, rewrite the summary of and delete a movie, and refuses anyone else', async () => {
    const admin = await adminToken();
    const basic = await api('/auth/register/', { method: 'POST', body: { email: uniqueEmail('catalogue'), password: 'an-e2e-password' } });
    const basicToken = (basic.body as { access_token: string }).access_token;
    const movie = await createMovie({ title: 'Typo in teh title', year: 1999 });
    await api(`/movies/${movie.id}/`);

    const refused = await api(`/movies/${movie.id}/`, { method: 'PATCH', body: { title: 'Mine' }, headers: bearer(basicToken) });
    const patched = await api(`/movies/${movie.id}/`, { method: 'PATCH', body: { title: 'Typo in the title' }, headers: bearer(admin) });
    const rewritten = await api(`/movies/${movie.id}/summary/`, { method: 'POST', headers: bearer(admin) });
    const deleted = await api(`/movies/${movie.id}`, { method: 'DELETE', headers: bearer(admin) });

    expect(refused.status).toBe(403);
    expect(patched).toMatchObject({ status: 200, body: { title: 'Typo in the title', summary: null, summary_generated_at: null } });
    expect(rewritten.status).toBe(200);
    expect((rewritten.body as Movie).summary).toContain('Typo in the title');
    expect(typeof (rewritten.body as Movie).summary_generated_at).toBe('string');
    expect(deleted.status).toBe(204);
    expect((await api(`/movies/${movie.id}/`)).status).toBe(404);
  });
});
