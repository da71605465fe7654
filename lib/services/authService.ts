import { randomUUID } from 'node:crypto';
import { Conflict, notFound, Throttled, Unauthorized } from '../errors';
import type { RefreshTokensRepository } from '../repositories/refreshTokensRepository';
import { signInGuard, type SessionsRepository } from '../repositories/sessionsRepository';
import type { LeadingStatement } from '../requestDuties';
import type { UsersRepository } from '../repositories/usersRepository';
import type { AuthTokens } from '../schemas/auth';
import type { User } from '../schemas/users';
import type { PasswordHasher } from './passwords';
import type { FailureBackoff } from './throttling';
import {
  ACCESS_TOKEN_SECONDS,
  INVALID_TOKEN,
  REFRESH_TOKEN_SECONDS,
  type AuthUser,
  type Role,
  type TokenClaims,
  type TokenSigner,
} from './tokens';

/** Every sign-in failure reads the same, so it never tells which emails have accounts. */
export const SIGN_IN_FAILED = 'invalid email or password';

export interface NewAccount {
  email: string;
  password: string;
  username?: string | null;
  role?: Role;
}

export interface AuthServiceDependencies {
  users: UsersRepository;
  refreshTokens: RefreshTokensRepository;
  sessions: SessionsRepository;
  passwords: PasswordHasher;
  tokens: TokenSigner;
  /** Sign-in attempts per email (AUTH_MAX_FAILURES in a row, then a doubling wait). */
  signInBackoff: FailureBackoff;
}

/**
 * The sign-in's guard as a request leads its database calls with it (lib/db/requestDatabase.ts): a sign-in found not live is a
 * 401, whatever the call was doing.
 */
export function signInLiveness(sessionId: string, userId: number, role: Role): LeadingStatement {
  const guard = signInGuard(sessionId, userId, role);
  return {
    statement: guard.statement,
    accepted: () => undefined,
    refusal: async (error, at) => ((await guard.refusal(error, at)) ? new Unauthorized(INVALID_TOKEN) : undefined),
  };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

export function createAuthService({ users, refreshTokens, sessions, passwords, tokens, signInBackoff }: AuthServiceDependencies) {
  /** The token pair of sign-in `sid`: its access token names the sign-in, its refresh token is `jti` in that family. */
  async function tokenPair(user: User, sid: string, jti: string): Promise<AuthTokens> {
    const caller = { id: user.id, role: user.role };
    return {
      user,
      access_token: await tokens.issueAccess(caller, sid),
      refresh_token: await tokens.issueRefresh(caller, { jti, family: sid }),
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_SECONDS,
    };
  }

  /** A new sign-in for `user`, recorded before its tokens leave. */
  async function startSignIn(user: User): Promise<AuthTokens> {
    const [sid, jti] = [randomUUID(), randomUUID()];
    await sessions.start({ id: sid, userId: user.id, refreshJti: jti, refreshExpiresAt: nowSeconds() + REFRESH_TOKEN_SECONDS });
    return tokenPair(user, sid, jti);
  }

  /** The caller behind valid access-token claims, with the role the database holds now; 401 once the sign-in is over. */
  async function liveCaller(claims: TokenClaims): Promise<AuthUser> {
    const id = Number(claims.sub);
    const role = claims.sid === undefined ? undefined : await sessions.liveRole(claims.sid, id);
    if (!role) throw new Unauthorized(INVALID_TOKEN);
    return { id, role };
  }

  /**
   * Whether `password` is the one of the account `find` answers for `email`, throttled per email: admitted
   * before any hash is spent, so a throttled attempt costs one statement. Only a wrong password counts as a failure:
   * an attempt shed before its check (503) or abandoned is no guess. Unknown emails are throttled alike and still
   * spend a hash, so neither a 429 nor the timing says which accounts exist.
   */
  async function checkPassword<A extends { passwordHash: string }>(
    email: string,
    password: string,
    find: () => Promise<A | undefined>,
    signal?: AbortSignal,
  ): Promise<A | undefined> {
    const admission = await signInBackoff.admit(email);
    if (!admission.admitted) throw new Throttled('too many failed sign-ins for this email; see Retry-After', admission.retryAfterSeconds);
    const found = await find();
    const matches = await passwords.verify(password, found?.passwordHash, signal);
    if (!found || !matches) {
      await signInBackoff.failed(email);
      return undefined;
    }
    await signInBackoff.succeeded(email);
    return found;
  }

  async function createAccount({ email, password, username, role = 'basic' }: NewAccount, signal?: AbortSignal): Promise<User> {
    const user = await users.create({ email, username, role, passwordHash: await passwords.hash(password, signal) });
    if (!user) throw new Conflict('an account with this email already exists');
    return user;
  }

  return {
    createAccount,

    /** Registration always makes a basic user, whatever the request asked for. */
    async register(account: Omit<NewAccount, 'role'>, signal?: AbortSignal): Promise<AuthTokens> {
      return startSignIn(await createAccount({ ...account, role: 'basic' }, signal));
    },

    async signIn(email: string, password: string, signal?: AbortSignal): Promise<AuthTokens> {
      const found = await checkPassword(email, password, () => users.findCredentials(email), signal);
      if (!found) throw new Unauthorized(SIGN_IN_FAILED);
      return startSignIn(found.user);
    },

    /** Ends the sign-in of a refresh token (used or not): its refresh and access tokens are refused from now on. */
    async logout(refreshToken: string): Promise<void> {
      const claims = await tokens.verify(refreshToken, 'refresh');
      await sessions.revoke(claims.family!);
    },

    /** A signed-in user deletes their own account, once their password is checked again (throttled like a sign-in). */
    async deleteOwnAccount(userId: number, password: string, signal?: AbortSignal): Promise<void> {
      const account = await users.findCredentialsById(userId);
      if (!account) throw new Unauthorized(INVALID_TOKEN);
      if (!(await checkPassword(account.user.email, password, async () => account, signal))) throw new Unauthorized('wrong password');
      await users.deleteAccount(userId);
    },

    /** An admin deletes an account: its ratings, collections and sign-ins go with it. */
    async deleteAccount(userId: number): Promise<void> {
      if (!(await users.deleteAccount(userId))) notFound('user', userId);
    },

    /** Exchanges a refresh token, once, for a new pair in the same family; a reused one revokes the family. */
    async refresh(refreshToken: string): Promise<AuthTokens> {
      const claims = await tokens.verify(refreshToken, 'refresh');
      const next = randomUUID();
      const rotated = await refreshTokens.rotate(claims.jti!, { jti: next, expiresAt: nowSeconds() + REFRESH_TOKEN_SECONDS }, nowSeconds());
      if (!rotated) throw new Unauthorized('refresh token already used or revoked');
      // The role is read again, so a promotion or demotion shows in the new pair.
      const user = await users.findById(Number(claims.sub));
      if (!user) throw new Unauthorized(INVALID_TOKEN);
      return tokenPair(user, claims.family!, next);
    },

    /**
     * The claims of a live access token, its role the current one. Only an access token: "is my token good" is what a
     * client asks before calling with it, and a refresh token is good for /auth/refresh/ alone (401 here, spending nothing).
     */
    async verify(token: string): Promise<TokenClaims & { token_use: 'access' }> {
      const access = await tokens.verify(token, 'access');
      return { ...access, token_use: 'access', role: (await liveCaller(access)).role };
    },

    /**
     * The caller a valid access token names, with the role it claims, and the guard that proves its sign-in live: the
     * request's own database call carries it (lib/db/requestDatabase.ts) rather than spending a round trip of its own.
     */
    async claimedCaller(accessToken: string): Promise<{ user: AuthUser; liveness: LeadingStatement }> {
      const claims = await tokens.verify(accessToken, 'access');
      if (claims.sid === undefined) throw new Unauthorized(INVALID_TOKEN);
      const user = { id: Number(claims.sub), role: claims.role };
      return { user, liveness: signInLiveness(claims.sid, user.id, user.role) };
    },

    /** The caller behind a bearer access token: honoured only while its account exists and its sign-in is live. */
    async authenticate(accessToken: string): Promise<AuthUser> {
      return liveCaller(await tokens.verify(accessToken, 'access'));
    },

    /** Creates the admin from the configuration, or promotes the account with that email; idempotent. */
    async ensureAdmin({ email, password }: { email: string; password: string }): Promise<void> {
      if (await users.promoteToAdmin(email)) return;
      await users.upsertAdmin(email, await passwords.hash(password));
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
