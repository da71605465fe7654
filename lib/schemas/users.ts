import * as z from 'zod';
import { integerBetween, rule, Timestamp, trimmedText } from './common';
import { pageOf } from './pagination';
import { MovieWithoutSummary } from './movies';

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

const Username = trimmedText(1, 50)
  .nullish()
  .transform((name) => name ?? null);

export const RegisterBody = z.object({ email: Email, password: NewPassword, username: Username }).meta({ id: 'RegisterBody' });

/** Signing in only checks that something was sent: every mismatch is the same 401, whatever its cause. */
export const SignInBody = z
  .object({
    email: z
      .string({ error: rule('must be a string') })
      .trim()
      .toLowerCase()
      .min(1, { error: 'is required' }),
    password: z
      .string({ error: rule('must be a string') })
      .min(1, { error: 'is required' })
      .max(1024, { error: 'is too long' }),
  })
  .meta({ id: 'SignInBody' });

export const RefreshBody = z
  .object({ refresh_token: z.string({ error: rule('must be a string') }).min(1, { error: 'is required' }) })
  .meta({ id: 'RefreshBody' });

export const VerifyBody = z
  .object({ token: z.string({ error: rule('must be a string') }).min(1, { error: 'is required' }) })
  .meta({ id: 'VerifyBody' });

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

export const AuthTokens = z
  .object({
    user: User,
    access_token: z.string(),
    refresh_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int().positive().describe('seconds until the access token expires'),
  })
  .meta({ id: 'AuthTokens' });
export type AuthTokens = z.infer<typeof AuthTokens>;

export const VerifiedToken = z
  .object({
    valid: z.literal(true),
    sub: z.string(),
    role: Role,
    token_use: z.literal('access'),
    iss: z.string(),
    aud: z.string(),
    iat: z.number().int(),
    exp: z.number().int(),
  })
  .meta({ id: 'VerifiedToken' });

export const RatedMovie = z
  .object({ movie: MovieWithoutSummary, value: integerBetween(1, 5), rated_at: Timestamp })
  .meta({ id: 'RatedMovie' });
export type RatedMovie = z.infer<typeof RatedMovie>;

export const RatedMoviesPage = pageOf(RatedMovie).meta({ id: 'RatedMoviesPage' });
