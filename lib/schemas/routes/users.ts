import { defineRoute } from './contract';
import type * as common from '../common';
import type * as users from '../users';

// Node's, declared for the web page's type check too (web/tsconfig.json has no Node types): it reads these contracts.
declare const require: (id: string) => unknown;
/** The schema modules these contracts name, each evaluated when a contract's schema is first read. */
const shapes = {
  common: () => require('../common') as typeof common,
  users: () => require('../users') as typeof users,
};

export const getMeRoute = /* @__PURE__ */ defineRoute({
  functionName: 'getMe',
  method: 'GET',
  path: '/users/me/',
  summary: 'The signed-in user',
  tags: ['users'],
  access: 'user',
  response: {
    status: 200,
    description: 'the caller',
    get schema() {
      return shapes.users().User;
    },
  },
});

export const getUserRoute = /* @__PURE__ */ defineRoute({
  functionName: 'getUser',
  method: 'GET',
  path: '/users/{id}/',
  summary: 'A user',
  description: 'The email is shown only to the user themself and to admins.',
  tags: ['users'],
  access: 'user',
  get params() {
    return shapes.common().IdPathParams;
  },
  response: {
    status: 200,
    description: 'the user',
    get schema() {
      return shapes.users().UserView;
    },
  },
});

export const createUserRoute = /* @__PURE__ */ defineRoute({
  functionName: 'createUser',
  method: 'POST',
  path: '/users/',
  summary: 'Create a user of any role (admins only)',
  tags: ['users'],
  access: 'admin',
  get body() {
    return shapes.users().CreateUserBody;
  },
  response: {
    status: 201,
    description: 'the new user; Location names it',
    get schema() {
      return shapes.users().User;
    },
    headers: ['Location'],
  },
  errors: [409, 503],
});

export const deleteMeRoute = /* @__PURE__ */ defineRoute({
  functionName: 'deleteMe',
  method: 'DELETE',
  path: '/users/me/',
  summary: 'Delete your own account (password re-checked)',
  description:
    "The account, its ratings (taken out of every movie's aggregates at once), its collections and its sign-ins are gone; " +
    'the id is never given to anyone else. The password re-check is throttled like a sign-in.',
  tags: ['users'],
  access: 'user',
  get body() {
    return shapes.users().DeleteAccountBody;
  },
  response: { status: 204, description: 'the account is gone' },
  errors: [429, 503],
});

export const deleteUserRoute = /* @__PURE__ */ defineRoute({
  functionName: 'deleteUser',
  method: 'DELETE',
  path: '/users/{id}/',
  summary: 'Delete an account (admins only)',
  description: 'As DELETE /users/me/: the account, its ratings, collections and sign-ins are gone.',
  tags: ['users'],
  access: 'admin',
  get params() {
    return shapes.common().IdPathParams;
  },
  response: { status: 204, description: 'the account is gone' },
});
