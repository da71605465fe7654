import { getConfig } from '../lib/config';
import { openServices } from '../lib/container';

/**
 * `npm run create-admin [-- email password]`: creates the admin, or promotes the account with that
 * email, in DATABASE_URL. Without arguments it reads ADMIN_EMAIL and ADMIN_PASSWORD.
 */
export async function main(args: string[] = []): Promise<void> {
  const config = getConfig();
  const [email, password] = args.length >= 2 ? args : [config.auth.admin?.email, config.auth.admin?.password];
  if (!email || !password) throw new Error('usage: npm run create-admin -- <email> <password>, or set ADMIN_EMAIL and ADMIN_PASSWORD');
  if (password.length < 8) throw new Error('the admin password must be at least 8 characters');
  const { services, close } = await openServices(config);
  try {
    await services.auth.ensureAdmin({ email: email.trim(), password });
    console.log(`admin ${email.trim().toLowerCase()} ensured`);
  } finally {
    close();
  }
}
