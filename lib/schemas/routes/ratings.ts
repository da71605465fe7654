import * as z from 'zod';
import { defineRoute } from './contract';
import { IdPathParams } from '../common';
import { pageOf, PaginationQuery } from '../pagination';
import { CreateRatingBody, RatedMoviesPage, Rating, RatingValue } from '../ratings';

export const ChangeRatingBody = z.object({ value: RatingValue }).meta({ id: 'ChangeRatingBody' });

export const RatingsPage = pageOf(Rating).meta({ id: 'RatingsPage' });

const ownerOnly = 'Only its owner and admins see it; anyone else gets 404, as if it did not exist.';

export const createRatingRoute = defineRoute({
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
  body: CreateRatingBody,
  response: { status: 201, description: 'the new rating', schema: Rating },
  alsoResponds: [
    { status: 200, description: 'a signed-in user rated this movie before: the same rating, with the new value', schema: Rating },
  ],
  errors: [404],
});

export const listRatingsRoute = defineRoute({
  functionName: 'listRatings',
  method: 'GET',
  path: '/ratings/',
  summary: "A page of the caller's ratings, newest first",
  tags: ['ratings'],
  access: 'user',
  query: PaginationQuery,
  response: { status: 200, description: 'a page of ratings', schema: RatingsPage },
});

export const getRatingRoute = defineRoute({
  functionName: 'getRating',
  method: 'GET',
  path: '/ratings/{id}/',
  summary: 'Read one of your ratings',
  description: ownerOnly,
  tags: ['ratings'],
  access: 'user',
  params: IdPathParams,
  response: { status: 200, description: 'the rating', schema: Rating },
});

// A rating has one changeable field, its value: replacing it (PUT) and changing it (PATCH) are one operation.
export const changeRatingRoute = defineRoute({
  functionName: 'changeRating',
  method: 'PUT',
  alsoMethods: ['PATCH'],
  path: '/ratings/{id}/',
  summary: 'Change the value of one of your ratings',
  description: `${ownerOnly} PUT and PATCH do the same: a rating has one changeable field.`,
  tags: ['ratings'],
  access: 'user',
  params: IdPathParams,
  body: ChangeRatingBody,
  response: { status: 200, description: 'the rating', schema: Rating },
});

export const deleteRatingRoute = defineRoute({
  functionName: 'deleteRating',
  method: 'DELETE',
  path: '/ratings/{id}/',
  summary: 'Delete one of your ratings',
  description: ownerOnly,
  tags: ['ratings'],
  access: 'user',
  params: IdPathParams,
  response: { status: 204, description: 'deleted' },
});

export const listMyRatingsRoute = defineRoute({
  functionName: 'listMyRatings',
  method: 'GET',
  path: '/users/me/ratings/',
  summary: 'The profile: a page of the movies you rated, most recently rated first',
  tags: ['users'],
  access: 'user',
  query: PaginationQuery,
  response: { status: 200, description: 'a page of rated movies, without summaries', schema: RatedMoviesPage },
});
