import { UnsecuredJWT } from 'jose';
import { uniqueEmail } from '../support/auth';
import type { AuthTokens } from '../../lib/schemas/auth';
import { api, client, createMovie, type ApiResponse } from './http';

const PASSWORD = 'an-e2e-password';

interface Tokens {
  user: { id: number; email: string; role: string };
  access_token: string;
  refresh_token: string;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const tokensOf = (response: ApiResponse) => response.body as Tokens;

async function register(email = uniqueEmail('e2e')): Promise<AuthTokens> {
  const response = await client().registerUser({ body: { email, password: PASSWORD } });
  if (response.status !== 201) throw new Error(`could not register: ${response.status}`);
  return response.body;
}

describe('users and sign-in over HTTP', () => {
  it.each(['/', ''])('registers, signs in, refreshes and verifies (trailing slash "%s")', async (slash) => {
    const email = uniqueEmail('flow');

    const registered = await api(`/auth/register${slash}`, {
      method: 'POST',
      body: { email: email.toUpperCase(), password: PASSWORD, role: 'admin' },
    });
    const signedIn = await api(`/auth/token${slash}`, { method: 'POST', body: { email, password: PASSWORD } });
    const refreshed = await api(`/auth/refresh${slash}`, { method: 'POST', body: { refresh_token: tokensOf(signedIn).refresh_token } });
    const verified = await api(`/auth/verify${slash}`, { method: 'POST', body: { token: tokensOf(refreshed).access_token } });
    const me = await api(`/users/me${slash}`, { headers: bearer(tokensOf(refreshed).access_token) });

    expect(registered).toMatchObject({ status: 201, body: { user: { email, role: 'basic' }, token_type: 'Bearer', expires_in: 900 } });
    expect(signedIn.status).toBe(200);
    expect(refreshed.status).toBe(200);
    expect(verified).toMatchObject({ status: 200, body: { valid: true, sub: String(tokensOf(registered).user.id), token_use: 'access' } });
    expect(me).toMatchObject({ status: 200, body: { email, role: 'basic' } });
    expect(JSON.stringify([registered.body, signedIn.body, me.body])).not.toMatch(/password|scrypt/);
  });

  it('answers the same 401 problem to a wrong password and an unknown email, and 409 to a taken email in another case', async () => {
    const { user } = await register();

    const wrong = await client().issueToken({ body: { email: user.email, password: 'not-the-password' } });
    const unknown = await client().issueToken({ body: { email: uniqueEmail('ghost'), password: PASSWORD } });
    const taken = await client().registerUser({ body: { email: user.email.toUpperCase(), password: PASSWORD } });

    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('content-type')).toBe('application/problem+json');
    expect(unknown.body).toEqual(wrong.body);
    expect(taken.status).toBe(409);
  });

  it('refuses a reused refresh token and then the rest of its family', async () => {
    const first = await register();
    const refresh = (refresh_token: string) => client().refreshToken({ body: { refresh_token } });
    const second = await refresh(first.refresh_token);
    if (second.status !== 200) throw new Error(`could not refresh: ${second.status}`);

    expect((await refresh(first.refresh_token)).status).toBe(401);
    expect((await refresh(second.body.refresh_token)).status).toBe(401);
    expect((await refresh(first.access_token)).status).toBe(401);
  });

  it('refuses unsigned tokens and tokens in the wrong place', async () => {
    const unsigned = new UnsecuredJWT({ role: 'admin', token_use: 'access' })
      .setSubject('1')
      .setIssuer('movie-rating-api')
      .setAudience('movie-rating-api')
      .setIssuedAt()
      .setExpirationTime('15m')
      .encode();

    expect((await client(unsigned).getMe()).status).toBe(401);
    expect((await client().getMe()).status).toBe(401);
    expect((await client().verifyToken({ body: { token: unsigned } })).status).toBe(401);
  });

  it('answers 401 when a refresh token is verified: /auth/verify/ verifies access tokens', async () => {
    const { refresh_token } = await register();

    const verified = await client().verifyToken({ body: { token: refresh_token } });

    expect(verified).toMatchObject({ status: 401, body: { status: 401, title: 'Unauthorized' } });
  });

  it('lets the admin from ADMIN_EMAIL create users, and answers 403 to a basic user', async () => {
    const signedIn = await client().issueToken({
      body: { email: process.env.E2E_ADMIN_EMAIL ?? '', password: process.env.E2E_ADMIN_PASSWORD ?? '' },
    });
    if (signedIn.status !== 200) throw new Error(`the admin could not sign in: ${signedIn.status}`);
    const admin = signedIn.body;
    const basic = await register();
    const body = { email: uniqueEmail('made'), password: PASSWORD, role: 'admin' } as const;

    expect(admin.user).toMatchObject({ role: 'admin' });
    expect((await client(basic.access_token).createUser({ body })).status).toBe(403);
    const made = await api('/users', { method: 'POST', body, headers: bearer(admin.access_token) });
    expect(made).toMatchObject({ status: 201, body: { email: body.email, role: 'admin' } });
    const seen = await client(basic.access_token).getUser({ params: { id: (made.body as { id: number }).id } });
    expect(seen).toMatchObject({ status: 200, body: { role: 'admin' } });
    expect(seen.body).not.toHaveProperty('email');
  });
});

describe('owned ratings over HTTP', () => {
  it('keeps one rating per user, hides it from others, and keeps the average exact', async () => {
    const [ann, bob] = await Promise.all([register(), register()]);
    const movie = await createMovie({ title: `Owned ${uniqueEmail()}` });

    const first = await client(ann.access_token).createRating({ body: { movie: movie.id, value: 4 } });
    const again = await api('/ratings', { method: 'POST', body: { movie: movie.id, value: 2 }, headers: bearer(ann.access_token) });
    const id = (first.body as { id: number }).id;

    expect(first).toMatchObject({ status: 201, body: { user: ann.user.id, value: 4 } });
    expect(again).toMatchObject({ status: 200, body: { id, value: 2 } });
    expect((await client(bob.access_token).getRating({ params: { id } })).status).toBe(404);
    expect((await api(`/ratings/${id}/`, { method: 'PATCH', body: { value: 1 }, headers: bearer(bob.access_token) })).status).toBe(404);
    expect((await api(`/ratings/${id}`, { method: 'DELETE', headers: bearer(bob.access_token) })).status).toBe(404);
    expect(await api(`/ratings/${id}`, { method: 'PUT', body: { value: 5 }, headers: bearer(ann.access_token) })).toMatchObject({
      status: 200,
      body: { value: 5 },
    });
    expect((await client().getMovie({ params: { id: movie.id } })).body).toMatchObject({ rating: 5, rating_count: 1 });

    const asAnn = client(ann.access_token);
    const profile = await asAnn.listMyRatings();
    expect(profile).toMatchObject({ status: 200, body: { count: 1, results: [{ movie: { id: movie.id }, value: 5 }] } });
    expect(await asAnn.listRatings({ query: { page_size: 5 } })).toMatchObject({ status: 200, body: { count: 1, page_size: 5 } });

    expect((await asAnn.deleteRating({ params: { id } })).status).toBe(204);
    expect((await client().getMovie({ params: { id: movie.id } })).body).toMatchObject({ rating: null, rating_count: 0 });
  });

  it('leaves exactly one rating after 20 concurrent re-ratings by one user', async () => {
    const ann = await register();
    const movie = await createMovie({ title: `Re-rated ${uniqueEmail()}` });
    const values = Array.from({ length: 20 }, (_, i) => (i % 5) + 1);

    const asAnn = client(ann.access_token);
    const responses = await Promise.all(values.map((value) => asAnn.createRating({ body: { movie: movie.id, value } })));

    expect(responses.map((r) => r.status).sort()).toEqual([...Array(19).fill(200), 201].sort());
    expect(new Set(responses.map((r) => (r.body as { id: number }).id)).size).toBe(1);
    const mine = await asAnn.listRatings();
    if (mine.status !== 200) throw new Error(`could not list ratings: ${mine.status}`);
    expect(mine.body).toMatchObject({ count: 1 });
    const stored = mine.body.results[0]!.value;
    expect((await client().getMovie({ params: { id: movie.id } })).body).toMatchObject({ rating: stored, rating_count: 1 });
  });
});
