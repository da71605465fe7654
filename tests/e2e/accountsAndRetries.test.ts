import { uniqueEmail } from '../support/auth';
import { adminToken, api, client } from './http';

const PASSWORD = 'an-e2e-password';

async function register() {
  const email = uniqueEmail('accounts');
  const response = await client().registerUser({ body: { email, password: PASSWORD } });
  if (response.status !== 201) throw new Error(`could not register: ${response.status}`);
  return { ...response.body, email };
}

describe('sign-outs, account deletion and safe retries over HTTP', () => {
  it.each(['/', ''])('logs out (slash "%s"): the sign-in\'s access token answers 401 at once', async (slash) => {
    const ann = await register();

    const out = await api(`/auth/logout${slash}`, { method: 'POST', body: { refresh_token: ann.refresh_token } });

    expect(out.status).toBe(204);
    expect(out.headers.get('ratelimit-policy')).toMatch(/^"auth";q=\d+;w=60$/);
    expect((await client(ann.access_token).getMe()).status).toBe(401);
  });

  it('deletes your own account with DELETE /users/me/, and an admin deletes one with DELETE /users/{id}/', async () => {
    const ann = await register();
    const bob = await register();
    const admin = client(await adminToken());

    expect((await client(ann.access_token).deleteMe({ body: { password: PASSWORD } })).status).toBe(204);
    expect((await admin.deleteUser({ params: { id: bob.user.id } })).status).toBe(204);

    expect((await client(ann.access_token).getMe()).status).toBe(401);
    expect((await client().issueToken({ body: { email: bob.email, password: PASSWORD } })).status).toBe(401);
  });

  it('replays a POST /movies/ retried with its Idempotency-Key', async () => {
    const key = `e2e-${uniqueEmail()}`;
    const first = await client().createMovie({ body: { title: 'Retried' }, idempotencyKey: key });
    const again = await client().createMovie({ body: { title: 'Retried' }, idempotencyKey: key });

    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
  });
});
