import { defineRoute } from './contract';
import { Collection, CollectionBody, CollectionsPage } from '../collections';
import { IdPathParams } from '../common';
import { PaginationQuery } from '../pagination';

const ownerOnly = 'Only its owner sees it; anyone else, admins included, gets 404, as if it did not exist.';

export const createCollectionRoute = defineRoute({
  functionName: 'createCollection',
  method: 'POST',
  path: '/collections/',
  summary: 'Make a collection of movies',
  description: 'An unknown movie id is a 400 naming it; a repeated one counts once.',
  tags: ['collections'],
  access: 'user',
  idempotent: true,
  body: CollectionBody,
  response: {
    status: 201,
    description: 'the collection with the first page of its films; Location names it',
    schema: Collection,
    headers: ['Location'],
  },
});

export const listCollectionsRoute = defineRoute({
  functionName: 'listCollections',
  method: 'GET',
  path: '/collections/',
  summary: "A page of the caller's collections, newest first, and their favourite genres",
  description: 'Each collection names its films by id (movie_ids) and counts them; GET /collections/{id}/ shows them.',
  tags: ['collections'],
  access: 'user',
  query: PaginationQuery,
  response: { status: 200, description: 'a page of collections, without their films, with favourite_genres', schema: CollectionsPage },
});

export const getCollectionRoute = defineRoute({
  functionName: 'getCollection',
  method: 'GET',
  path: '/collections/{id}/',
  summary: 'Read one of your collections and a page of its films',
  description: `${ownerOnly} Every film is named in movie_ids; page and page_size choose which of them movies shows in full.`,
  tags: ['collections'],
  access: 'user',
  params: IdPathParams,
  query: PaginationQuery,
  response: { status: 200, description: 'the collection with the page of its films asked for', schema: Collection },
});

export const replaceCollectionRoute = defineRoute({
  functionName: 'replaceCollection',
  method: 'PUT',
  path: '/collections/{id}/',
  summary: 'Replace the title, description and movies of one of your collections',
  description: `${ownerOnly} All three change together, or nothing does.`,
  tags: ['collections'],
  access: 'user',
  params: IdPathParams,
  body: CollectionBody,
  response: { status: 200, description: 'the collection with the first page of its films', schema: Collection },
});

export const deleteCollectionRoute = defineRoute({
  functionName: 'deleteCollection',
  method: 'DELETE',
  path: '/collections/{id}/',
  summary: 'Delete one of your collections (its movies stay in the catalogue)',
  description: ownerOnly,
  tags: ['collections'],
  access: 'user',
  params: IdPathParams,
  response: { status: 204, description: 'deleted' },
});
