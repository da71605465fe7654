import { defineRoute } from './contract';
import type * as auth from '../auth';

// Node's, declared for the web page's type check too (web/tsconfig.json has no Node types): it reads these contracts.
declare const require: (id: string) => unknown;
/** The schema modules these contracts name, each evaluated when a contract's schema is first read. */
const shapes = {
  auth: () => require('../auth') as typeof auth,
};

export const registerUserRoute = /* @__PURE__ */ defineRoute({
  functionName: 'registerUser',
  method: 'POST',
  path: '/auth/register/',
  summary: 'Create an account and sign in',
  description: 'Always creates a basic user; a role in the body is ignored. Emails compare case-insensitively.',
  tags: ['auth'],
  access: 'public',
  idempotent: true,
  rateLimit: 'auth',
  get body() {
    return shapes.auth().RegisterBody;
  },
  response: {
    status: 201,
    description: 'the new user with an access and a refresh token; Location names the user',
    get schema() {
      return shapes.auth().AuthTokens;
    },
    headers: ['Location'],
  },
  errors: [409, 503],
});

export const issueTokenRoute = /* @__PURE__ */ defineRoute({
  functionName: 'issueToken',
  method: 'POST',
  path: '/auth/token/',
  summary: 'Sign in with email and password',
  tags: ['auth'],
  access: 'public',
  rateLimit: 'auth',
  get body() {
    return shapes.auth().SignInBody;
  },
  response: {
    status: 200,
    description: 'an access token (15 min) and a refresh token (7 days)',
    get schema() {
      return shapes.auth().AuthTokens;
    },
  },
  errors: [401, 429, 503],
});

export const refreshTokenRoute = /* @__PURE__ */ defineRoute({
  functionName: 'refreshToken',
  method: 'POST',
  path: '/auth/refresh/',
  summary: 'Exchange a refresh token for a new pair',
  description: 'Each refresh token works once; presenting a used one revokes every token descending from the same sign-in.',
  tags: ['auth'],
  access: 'public',
  rateLimit: 'auth',
  get body() {
    return shapes.auth().RefreshBody;
  },
  response: {
    status: 200,
    description: 'a new access and refresh token',
    get schema() {
      return shapes.auth().AuthTokens;
    },
  },
  errors: [401],
});

export const verifyTokenRoute = /* @__PURE__ */ defineRoute({
  functionName: 'verifyToken',
  method: 'POST',
  path: '/auth/verify/',
  summary: 'Check an access token and read its claims',
  description: 'A live access token answers its claims, its role the current one; any other token (a refresh token too) is a 401.',
  tags: ['auth'],
  access: 'public',
  rateLimit: 'auth',
  get body() {
    return shapes.auth().VerifyBody;
  },
  response: {
    status: 200,
    description: 'the access token is valid; its claims',
    get schema() {
      return shapes.auth().VerifiedToken;
    },
  },
  errors: [401],
});

export const logoutRoute = /* @__PURE__ */ defineRoute({
  functionName: 'logout',
  method: 'POST',
  path: '/auth/logout/',
  summary: 'Sign out: end the sign-in of a refresh token',
  description: 'Its refresh token and every access token issued in that sign-in are refused from then on; other sign-ins stay.',
  tags: ['auth'],
  access: 'public',
  rateLimit: 'auth',
  get body() {
    return shapes.auth().RefreshBody;
  },
  response: { status: 204, description: 'the sign-in has ended' },
  errors: [401],
});
