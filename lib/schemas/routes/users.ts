import { defineRoute } from './contract';
import { IdPathParams } from '../common';
import { CreateUserBody, DeleteAccountBody, User, UserView } from '../users';

export const getMeRoute = defineRoute({
  functionName: 'getMe',
  method: 'GET',
  path: '/users/me/',
  summary: 'The signed-in user',
  tags: ['users'],
  access: 'user',
  response: { status: 200, description: 'the caller', schema: User },
});

export const getUserRoute = defineRoute({
  functionName: 'getUser',
  method: 'GET',
  path: '/users/{id}/',
  summary: 'A user',
  description: 'The email is shown only to the user themself and to admins.',
  tags: ['users'],
  access: 'user',
  params: IdPathParams,
  response: { status: 200, description: 'the user', schema: UserView },
});

export const createUserRoute = defineRoute({
  functionName: 'createUser',
  method: 'POST',
  path: '/users/',
  summary: 'Create a user of any role (admins only)',
  tags: ['users'],
  access: 'admin',
  body: CreateUserBody,
  response: { status: 201, description: 'the new user; Location names it', schema: User, headers: ['Location'] },
  errors: [409, 503],
});

export const deleteMeRoute = defineRoute({
  functionName: 'deleteMe',
  method: 'DELETE',
  path: '/users/me/',
  summary: 'Delete your own account (password re-checked)',
  description:
    "The account, its ratings (taken out of every movie's aggregates at once), its collections and its sign-ins are gone; " +
    'the id is never given to anyone else. The password re-check is throttled like a sign-in.',
  tags: ['users'],
  access: 'user',
  body: DeleteAccountBody,
  response: { status: 204, description: 'the account is gone' },
  errors: [429, 503],
});

export const deleteUserRoute = defineRoute({
  functionName: 'deleteUser',
  method: 'DELETE',
  path: '/users/{id}/',
  summary: 'Delete an account (admins only)',
  description: 'As DELETE /users/me/: the account, its ratings, collections and sign-ins are gone.',
  tags: ['users'],
  access: 'admin',
  params: IdPathParams,
  response: { status: 204, description: 'the account is gone' },
});
