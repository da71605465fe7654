import * as z from 'zod';
import { Role } from './users';

/** Who is calling, as the authentication middleware hands it to handlers and services. */
export const AuthUser = z.object({ id: z.number().int().positive(), role: Role });
export type AuthUser = z.infer<typeof AuthUser>;
export type Role = z.infer<typeof Role>;

export const TokenUse = z.enum(['access', 'refresh']);
export type TokenUse = z.infer<typeof TokenUse>;

/** What every token of this API carries; `sub` is the user id, written plainly. */
const CommonClaims = z.object({
  sub: z.string().regex(/^[1-9][0-9]*$/),
  role: Role,
  iss: z.string(),
  aud: z.string(),
  iat: z.number(),
  exp: z.number(),
});

/** An access token belongs to a sign-in (`sid`), honoured only while it is live. */
export const AccessClaims = CommonClaims.extend({ token_use: z.literal('access'), sid: z.string().min(1) });
/** A refresh token names itself (`jti`) and its sign-in (`family`), so a reuse can end the whole sign-in. */
export const RefreshClaims = CommonClaims.extend({ token_use: z.literal('refresh'), jti: z.string(), family: z.string() });

/** The claims of a verified token, of either use. */
export type TokenClaims = z.infer<typeof CommonClaims> & { token_use: TokenUse; sid?: string; jti?: string; family?: string };
