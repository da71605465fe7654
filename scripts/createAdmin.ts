import { getConfig } from '../lib/config';
import { createServices } from '../lib/container';
import { openMigratedDatabase } from '../lib/db/client';
import { getSummaryGenerator } from '../lib/llm';
import { getLogger } from '../lib/logger';

/**
 * `npm run create-admin [-- email password]`: creates the admin, or promotes the account with that
 * email, in DATABASE_URL. Without arguments it reads ADMIN_EMAIL and ADMIN_PASSWORD.
 */
export async function main(args: string[] = []): Promise<void> {
  const config = getConfig();
  const [email, password] = args.length >= 2 ? args : [config.auth.admin?.email, config.auth.admin?.password];
  if (!email || !password) throw new Error('usage: npm run create-admin -- <email> <password>, or set ADMIN_EMAIL and ADMIN_PASSWORD');
  if (password.length < 8) throw new Error('the admin password must be at least 8 characters');
  const db = await openMigratedDatabase(config.database);
  try {
    await createServices({ config, db, logger: getLogger(), generator: getSummaryGenerator() }).auth.ensureAdmin({
      email: email.trim(),
      password,
    });
    console.log(`admin ${email.trim().toLowerCase()} ensured`);
  } finally {
    db.close();
  }
}
