import { uniqueEmail } from '../support/auth';
import { api } from './http';

const PASSWORD = 'an-e2e-password';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

interface Tokens {
  user: { id: number };
  access_token: string;
  refresh_token: string;
}

async function register(): Promise<Tokens & { email: string }> {
  const email = uniqueEmail('accounts');
  const response = await api('/auth/register/', { method: 'POST', body: { email, password: PASSWORD } });
  if (response.status !== 201) throw new Error(`could not register: ${response.status}`);
  return { ...(response.body as Tokens), email };
}

describe('sign-outs, account deletion and safe retries over HTTP', () => {
  it.each(['/', ''])('logs out (slash "%s"): the sign-in\'s access token answers 401 at once', async (slash) => {
    const ann = await register();

    const out = await api(`/auth/logout${slash}`, { method: 'POST', body: { refresh_token: ann.refresh_token } });

    expect(out.status).toBe(204);
    expect(out.headers.get('ratelimit-policy')).toMatch(/^"auth";q=\d+;w=60$/);
    expect((await api('/users/me/', { headers: bearer(ann.access_token) })).status).toBe(401);
  });

  it('deletes your own account with DELETE /users/me/, and an admin deletes one with DELETE /users/{id}/', async () => {
    const ann = await register();
    const bob = await register();
    const admin = await api('/auth/token/', {
      method: 'POST',
      body: { email: process.env.E2E_ADMIN_EMAIL, password: process.env.E2E_ADMIN_PASSWORD },
    });

    expect((await api('/users/me/', { method: 'DELETE', headers: bearer(ann.access_token), body: { password: PASSWORD } })).status).toBe(
      204,
    );
    expect((await api(`/users/${bob.user.id}/`, { method: 'DELETE', headers: bearer((admin.body as Tokens).access_token) })).status).toBe(
      204,
    );

    expect((await api('/users/me/', { headers: bearer(ann.access_token) })).status).toBe(401);
    expect((await api('/auth/token/', { method: 'POST', body: { email: bob.email, password: PASSWORD } })).status).toBe(401);
  });

  it('replays a POST /movies/ retried with its Idempotency-Key', async () => {
    const key = `e2e-${uniqueEmail()}`;
    const first = await api('/movies/', { method: 'POST', body: { title: 'Retried' }, headers: { 'idempotency-key': key } });
    const again = await api('/movies/', { method: 'POST', body: { title: 'Retried' }, headers: { 'idempotency-key': key } });

    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
  });
});
