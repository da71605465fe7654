import type { TestServices } from './services';
import type { Role } from '../../lib/services/tokens';

let accounts = 0;

/** A unique email, so tests sharing a database (the e2e server) never collide. */
export const uniqueEmail = (name = 'user') => `${name}-${process.pid}-${Date.now()}-${++accounts}@example.com`;

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** An account made through the real services, with its tokens. */
export async function signUp(
  services: TestServices,
  { role = 'basic' as Role, email = uniqueEmail(role), password = 'a-long-enough-password' } = {},
) {
  await services.auth.createAccount({ email, password, role });
  const tokens = await services.auth.signIn(email, password);
  return { ...tokens, email, password, id: tokens.user.id, headers: bearer(tokens.access_token) };
}
