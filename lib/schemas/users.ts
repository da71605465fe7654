import * as z from 'zod';
import { rule, Timestamp, trimmedText } from './common';

/** Emails are trimmed and lower-cased before validation, so lookups never depend on case. */
export const Email = z
  .string({ error: rule('must be an email address') })
  .trim()
  .toLowerCase()
  .max(254, { error: 'must be an email address' })
  .pipe(z.email({ error: 'must be an email address' }));

/** At least 8 characters (NIST SP 800-63B); the cap bounds the work one request can ask of the hasher. */
export const NewPassword = z
  .string({ error: rule('must be a string of 8 to 128 characters') })
  .min(8, { error: 'must be a string of 8 to 128 characters' })
  .max(128, { error: 'must be a string of 8 to 128 characters' });

export const Role = z.enum(['basic', 'admin'], { error: rule('must be "basic" or "admin"') });

export const Username = trimmedText(1, 50)
  .nullish()
  .transform((name) => name ?? null);

/** Deleting your own account asks for the password again, checked like a sign-in. */
export const DeleteAccountBody = z
  .object({
    password: z
      .string({ error: rule('must be a string') })
      .min(1, { error: 'is required' })
      .max(1024, { error: 'is too long' }),
  })
  .meta({ id: 'DeleteAccountBody' });

export const CreateUserBody = z
  .object({ email: Email, password: NewPassword, username: Username, role: Role.optional().transform((role) => role ?? 'basic') })
  .meta({ id: 'CreateUserBody' });

export const User = z
  .object({
    id: z.number().int().positive(),
    email: z.string(),
    username: z.string().nullable(),
    role: Role,
    created_at: Timestamp,
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

/** Another user as a signed-in caller sees them: the email only for themself and admins. */
export const UserView = User.extend({ email: z.string().optional().describe('only for the user themself and admins') }).meta({
  id: 'UserView',
});
