import { defineRoute } from './contract';
import type * as common from '../common';
import type * as pagination from '../pagination';
import type * as ratings from '../ratings';

// Node's, declared for the web page's type check too (web/tsconfig.json has no Node types): it reads these contracts.
declare const require: (id: string) => unknown;
/** The schema modules these contracts name, each evaluated when a contract's schema is first read. */
const shapes = {
  common: () => require('../common') as typeof common,
  pagination: () => require('../pagination') as typeof pagination,
  ratings: () => require('../ratings') as typeof ratings,
};

const ownerOnly = 'Only its owner and admins see it; anyone else gets 404, as if it did not exist.';
// Composed here rather than inside a contract: a template in a contract would keep it in every bundle of the domain.
const changeDescription = `${ownerOnly} PUT and PATCH do the same: a rating has one changeable field.`;

export const createRatingRoute = /* @__PURE__ */ defineRoute({
  functionName: 'createRating',
  method: 'POST',
  path: '/ratings/',
  summary: 'Rate a movie from 1 to 5',
  description:
    'Anonymous ratings are allowed unless REQUIRE_AUTH_FOR_WRITES=true. Signed in, a user has one rating per movie: ' +
    'rating it again replaces the value and answers 200 with the same rating.',
  tags: ['ratings'],
  access: 'public',
  idempotent: true,
  writes: true,
  get body() {
    return shapes.ratings().CreateRatingBody;
  },
  response: {
    status: 201,
    description: 'the new rating',
    get schema() {
      return shapes.ratings().Rating;
    },
  },
  alsoResponds: [
    {
      status: 200,
      description: 'a signed-in user rated this movie before: the same rating, with the new value',
      get schema() {
        return shapes.ratings().Rating;
      },
    },
  ],
  errors: [404],
});

export const listRatingsRoute = /* @__PURE__ */ defineRoute({
  functionName: 'listRatings',
  method: 'GET',
  path: '/ratings/',
  summary: "A page of the caller's ratings, newest first",
  tags: ['ratings'],
  access: 'user',
  get query() {
    return shapes.pagination().PaginationQuery;
  },
  response: {
    status: 200,
    description: 'a page of ratings',
    get schema() {
      return shapes.ratings().RatingsPage;
    },
  },
});

export const getRatingRoute = /* @__PURE__ */ defineRoute({
  functionName: 'getRating',
  method: 'GET',
  path: '/ratings/{id}/',
  summary: 'Read one of your ratings',
  description: ownerOnly,
  tags: ['ratings'],
  access: 'user',
  get params() {
    return shapes.common().IdPathParams;
  },
  response: {
    status: 200,
    description: 'the rating',
    get schema() {
      return shapes.ratings().Rating;
    },
  },
});

// A rating has one changeable field, its value: replacing it (PUT) and changing it (PATCH) are one operation.
export const changeRatingRoute = /* @__PURE__ */ defineRoute({
  functionName: 'changeRating',
  method: 'PUT',
  alsoMethods: ['PATCH'],
  path: '/ratings/{id}/',
  summary: 'Change the value of one of your ratings',
  description: changeDescription,
  tags: ['ratings'],
  access: 'user',
  get params() {
    return shapes.common().IdPathParams;
  },
  get body() {
    return shapes.ratings().ChangeRatingBody;
  },
  response: {
    status: 200,
    description: 'the rating',
    get schema() {
      return shapes.ratings().Rating;
    },
  },
});

export const deleteRatingRoute = /* @__PURE__ */ defineRoute({
  functionName: 'deleteRating',
  method: 'DELETE',
  path: '/ratings/{id}/',
  summary: 'Delete one of your ratings',
  description: ownerOnly,
  tags: ['ratings'],
  access: 'user',
  get params() {
    return shapes.common().IdPathParams;
  },
  response: { status: 204, description: 'deleted' },
});

export const listMyRatingsRoute = /* @__PURE__ */ defineRoute({
  functionName: 'listMyRatings',
  method: 'GET',
  path: '/users/me/ratings/',
  summary: 'The profile: a page of the movies you rated, most recently rated first',
  tags: ['users'],
  access: 'user',
  get query() {
    return shapes.pagination().PaginationQuery;
  },
  response: {
    status: 200,
    description: 'a page of rated movies, without summaries',
    get schema() {
      return shapes.ratings().RatedMoviesPage;
    },
  },
});
