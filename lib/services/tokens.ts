import { errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { Unauthorized } from '../errors';
import { INVALID_TOKEN } from '../errors';

export const TOKEN_ISSUER = 'movie-rating-api';
export const TOKEN_AUDIENCE = 'movie-rating-api';
export const ACCESS_TOKEN_SECONDS = 15 * 60;
export const REFRESH_TOKEN_SECONDS = 7 * 24 * 60 * 60;

export type Role = 'basic' | 'admin';
export type TokenUse = 'access' | 'refresh';

/** Who is calling, as the authentication middleware hands it to handlers. */
export interface AuthUser {
  id: number;
  role: Role;
}

export interface TokenClaims {
  sub: string;
  role: Role;
  token_use: TokenUse;
  iss: string;
  aud: string;
  iat: number;
  exp: number;
  /** The sign-in an access token belongs to; a refresh token's `family` names the same sign-in. */
  sid?: string;
  jti?: string;
  family?: string;
}

/** Clocks of two instances may disagree by this much; a token issued further in the future is refused. */
export const CLOCK_SKEW_SECONDS = 5;

export { INVALID_TOKEN };

const isRole = (value: unknown): value is Role => value === 'basic' || value === 'admin';

function toClaims(payload: JWTPayload, use: TokenUse): TokenClaims | undefined {
  const { sub, role, token_use: tokenUse, iat, exp, iss, aud } = payload as JWTPayload & { role?: unknown; token_use?: unknown };
  if (tokenUse !== use || !isRole(role) || typeof sub !== 'string' || !/^[1-9][0-9]*$/.test(sub)) return undefined;
  if (typeof iat !== 'number' || typeof exp !== 'number' || typeof iss !== 'string' || typeof aud !== 'string') return undefined;
  if (iat > Math.floor(Date.now() / 1000) + CLOCK_SKEW_SECONDS) return undefined;
  const claims: TokenClaims = { sub, role, token_use: use, iss, aud, iat, exp };
  if (use === 'access') {
    const { sid } = payload as { sid?: unknown };
    if (typeof sid !== 'string' || sid === '') return undefined;
    claims.sid = sid;
  }
  if (use === 'refresh') {
    const { jti, family } = payload as { jti?: unknown; family?: unknown };
    if (typeof jti !== 'string' || typeof family !== 'string') return undefined;
    Object.assign(claims, { jti, family });
  }
  return claims;
}

/**
 * Signs and verifies this API's JWTs: HS256 only (the algorithm is pinned when verifying, so `none` or
 * a swapped algorithm is refused), `exp` required, issuer and audience set and checked, and a
 * `token_use` claim so an access token never passes for a refresh token or the reverse.
 */
export function createTokenSigner({ secret }: { secret: string }) {
  const key = new TextEncoder().encode(secret);

  const sign = (user: AuthUser, use: TokenUse, seconds: number, extra: Record<string, string> = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ role: user.role, token_use: use, ...extra })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(String(user.id))
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + seconds)
      .sign(key);
  };

  return {
    /** An access token of sign-in `sid`: honoured only while that sign-in is live. */
    issueAccess: (user: AuthUser, sid: string) => sign(user, 'access', ACCESS_TOKEN_SECONDS, { sid }),

    issueRefresh: (user: AuthUser, { jti, family }: { jti: string; family: string }) =>
      sign(user, 'refresh', REFRESH_TOKEN_SECONDS, { jti, family }),

    /** The token's claims, or Unauthorized with the one message. */
    async verify(token: string, use: TokenUse): Promise<TokenClaims> {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          issuer: TOKEN_ISSUER,
          audience: TOKEN_AUDIENCE,
          requiredClaims: ['exp', 'iat', 'sub'],
        });
        const claims = toClaims(payload, use);
        if (claims) return claims;
      } catch (error) {
        if (!(error instanceof joseErrors.JOSEError) && !(error instanceof TypeError)) throw error;
      }
      throw new Unauthorized(INVALID_TOKEN);
    },
  };
}

export type TokenSigner = ReturnType<typeof createTokenSigner>;

export const userOf = (claims: TokenClaims): AuthUser => ({ id: Number(claims.sub), role: claims.role });
