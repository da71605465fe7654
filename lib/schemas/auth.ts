import * as z from 'zod';
import { rule } from './common';
import { Email, NewPassword, Role, User, Username } from './users';

// What signing up, signing in and the tokens take and answer; the accounts themselves are lib/schemas/users.ts'.

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
