import { createApiClient, type ApiClient } from '../lib/client/apiClient';
import type { AuthTokens } from '../lib/schemas/auth';
import type { User } from '../lib/schemas/users';

/**
 * The page's only way to the API: the typed client generated from the route contracts, so a change of the API
 * that breaks the page fails the type-check. This module adds what a browser session needs: the tokens kept for
 * the tab, a refresh before they expire (and once more when refused), and errors carrying the problem's detail.
 */

const SESSION_KEY = 'movie-rating.session';
/** Refresh a little before the access token expires rather than let a request fail with 401. */
const EXPIRY_MARGIN_MS = 30_000;

/** What every answer of the client looks like, whatever its route. */
interface Answer {
  status: number;
  body: unknown;
}
/** The successes among a route's answers: the caller reads their bodies with the types the contract gives. */
export type Success<R> = Extract<R, { status: 200 | 201 | 204 }>;
/** What a route answers when it succeeds, as its contract says. */
export type BodyOf<N extends keyof ApiClient> = Success<Awaited<ReturnType<ApiClient[N]>>>['body'];

/** An answer of the API that is not a success, with the message to show: its problem+json `detail`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    problem: unknown,
  ) {
    super(problemMessage(status, problem));
  }
}

interface FieldError {
  path: string;
  message: string;
}

function problemMessage(status: number, problem: unknown): string {
  const { detail, errors } = (typeof problem === 'object' && problem !== null ? problem : {}) as { detail?: unknown; errors?: unknown };
  const text = typeof detail === 'string' ? detail : `the API answered ${status}`;
  const fields = Array.isArray(errors) && errors.length > 1 ? (errors as FieldError[]) : [];
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return fields.length ? `${sentence}: ${fields.map((field) => `${field.path} ${field.message}`).join('; ')}.` : `${sentence}.`;
}

function succeeded<R extends Answer>(answer: R): Success<R> {
  if (answer.status >= 200 && answer.status < 300) return answer as Success<R>;
  // A body that is not a problem (a gateway's own error page) leaves the status to say what happened.
  throw new ApiError(answer.status, answer.body);
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
  user: User | null;
}

/** The signed-in session, kept for this tab only: tokens never outlive the browser tab. */
export const session = {
  read(): Session | null {
    try {
      return JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null') as Session | null;
    } catch {
      return null;
    }
  },
  /** Stores a token answer of /auth/register/, /auth/token/ or /auth/refresh/. */
  save(tokens: AuthTokens): Session {
    const value: Session = {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresAt: Date.now() + tokens.expires_in * 1000,
      user: tokens.user,
    };
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(value));
    return value;
  },
  clear(): void {
    sessionStorage.removeItem(SESSION_KEY);
  },
};

const baseUrl = location.origin;
/** Public reads may come from the browser's cache (the API sends ETags). */
const cachedClient = createApiClient({ baseUrl });
// What follows a change (a movie read again after rating it, your lists) must show the new state, not a kept copy.
const freshClient = createApiClient({ baseUrl, fetch: (input, init) => fetch(input, { ...init, cache: 'no-cache' }) });

/** Told when the session ends on its own (its refresh refused), so the page can show it signed out. */
let onSessionEnded = () => {};
export const whenSessionEnds = (listener: () => void) => {
  onSessionEnded = listener;
};

let refreshing: Promise<string> | null = null;

/**
 * A new token pair for the stored refresh token. One refresh at a time: the API rotates refresh tokens and treats
 * a reused one as stolen, so two parallel refreshes would end the session.
 */
function refreshSession(): Promise<string> {
  refreshing ??= (async () => {
    const current = session.read();
    if (!current) throw new ApiError(401, { detail: 'sign in first' });
    const answer = await freshClient.refreshToken({ body: { refresh_token: current.refreshToken }, token: null });
    if (answer.status !== 200) {
      session.clear();
      onSessionEnded();
      throw new ApiError(401, { detail: 'your session has ended; please sign in again' });
    }
    return session.save(answer.body).accessToken;
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function accessToken(): Promise<string> {
  const current = session.read();
  if (!current) throw new ApiError(401, { detail: 'sign in first' });
  return current.expiresAt - EXPIRY_MARGIN_MS > Date.now() ? current.accessToken : refreshSession();
}

/** A call anyone may make, sent without a token; `fresh` skips the browser's cached copy. */
export async function publicCall<R extends Answer>(call: (api: ApiClient) => Promise<R>, { fresh = false } = {}): Promise<Success<R>> {
  return succeeded(await call(fresh ? freshClient : cachedClient));
}

/**
 * A call as the signed-in user, with the access token; when it is refused (expired meanwhile) the session is
 * refreshed once and the call made again.
 */
export async function signedInCall<R extends Answer>(call: (api: ApiClient, auth: { token: string }) => Promise<R>): Promise<Success<R>> {
  const answer = await call(freshClient, { token: await accessToken() });
  if (answer.status !== 401) return succeeded(answer);
  return succeeded(await call(freshClient, { token: await refreshSession() }));
}
