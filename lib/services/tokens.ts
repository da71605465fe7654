import { errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { INVALID_TOKEN, Unauthorized } from '../errors';
import { AccessClaims, RefreshClaims, type AuthUser, type TokenClaims, type TokenUse } from '../schemas/identity';

export const TOKEN_ISSUER = 'movie-rating-api';
export const TOKEN_AUDIENCE = 'movie-rating-api';
export const ACCESS_TOKEN_SECONDS = 15 * 60;
export const REFRESH_TOKEN_SECONDS = 7 * 24 * 60 * 60;

export type { AuthUser, Role, TokenClaims, TokenUse } from '../schemas/identity';

/** Clocks of two instances may disagree by this much; a token issued further in the future is refused. */
export const CLOCK_SKEW_SECONDS = 5;

export { INVALID_TOKEN };

const claimsSchemas = { access: AccessClaims, refresh: RefreshClaims } as const;

/** The payload's claims when it is a well-formed token of this use, not issued in the future; undefined otherwise. */
function toClaims(payload: JWTPayload, use: TokenUse): TokenClaims | undefined {
  const parsed = claimsSchemas[use].safeParse(payload);
  if (!parsed.success) return undefined;
  if (parsed.data.iat > Math.floor(Date.now() / 1000) + CLOCK_SKEW_SECONDS) return undefined;
  return parsed.data;
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
