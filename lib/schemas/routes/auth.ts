import { defineRoute } from './contract';
import { AuthTokens, RefreshBody, RegisterBody, SignInBody, VerifiedToken, VerifyBody } from '../auth';

export const registerUserRoute = defineRoute({
  functionName: 'registerUser',
  method: 'POST',
  path: '/auth/register/',
  summary: 'Create an account and sign in',
  description: 'Always creates a basic user; a role in the body is ignored. Emails compare case-insensitively.',
  tags: ['auth'],
  access: 'public',
  idempotent: true,
  rateLimit: 'auth',
  body: RegisterBody,
  response: {
    status: 201,
    description: 'the new user with an access and a refresh token; Location names the user',
    schema: AuthTokens,
    headers: ['Location'],
  },
  errors: [409, 503],
});

export const issueTokenRoute = defineRoute({
  functionName: 'issueToken',
  method: 'POST',
  path: '/auth/token/',
  summary: 'Sign in with email and password',
  tags: ['auth'],
  access: 'public',
  rateLimit: 'auth',
  body: SignInBody,
  response: { status: 200, description: 'an access token (15 min) and a refresh token (7 days)', schema: AuthTokens },
  errors: [401, 429, 503],
});

export const refreshTokenRoute = defineRoute({
  functionName: 'refreshToken',
  method: 'POST',
  path: '/auth/refresh/',
  summary: 'Exchange a refresh token for a new pair',
  description: 'Each refresh token works once; presenting a used one revokes every token descending from the same sign-in.',
  tags: ['auth'],
  access: 'public',
  rateLimit: 'auth',
  body: RefreshBody,
  response: { status: 200, description: 'a new access and refresh token', schema: AuthTokens },
  errors: [401],
});

export const verifyTokenRoute = defineRoute({
  functionName: 'verifyToken',
  method: 'POST',
  path: '/auth/verify/',
  summary: 'Check an access token and read its claims',
  description: 'A live access token answers its claims, its role the current one; any other token (a refresh token too) is a 401.',
  tags: ['auth'],
  access: 'public',
  rateLimit: 'auth',
  body: VerifyBody,
  response: { status: 200, description: 'the access token is valid; its claims', schema: VerifiedToken },
  errors: [401],
});

export const logoutRoute = defineRoute({
  functionName: 'logout',
  method: 'POST',
  path: '/auth/logout/',
  summary: 'Sign out: end the sign-in of a refresh token',
  description: 'Its refresh token and every access token issued in that sign-in are refused from then on; other sign-ins stay.',
  tags: ['auth'],
  access: 'public',
  rateLimit: 'auth',
  body: RefreshBody,
  response: { status: 204, description: 'the sign-in has ended' },
  errors: [401],
});
