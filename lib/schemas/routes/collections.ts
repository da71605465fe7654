import { defineRoute } from './contract';
import type * as collections from '../collections';
import type * as common from '../common';
import type * as pagination from '../pagination';

// Node's, declared for the web page's type check too (web/tsconfig.json has no Node types): it reads these contracts.
declare const require: (id: string) => unknown;
/** The schema modules these contracts name, each evaluated when a contract's schema is first read. */
const shapes = {
  collections: () => require('../collections') as typeof collections,
  common: () => require('../common') as typeof common,
  pagination: () => require('../pagination') as typeof pagination,
};

const ownerOnly = 'Only its owner sees it; anyone else, admins included, gets 404, as if it did not exist.';
// Composed here rather than inside a contract: a template in a contract would keep it in every bundle of the domain.
const readOneDescription = `${ownerOnly} Every film is named in movie_ids; page and page_size choose which of them movies shows in full.`;
const replaceDescription = `${ownerOnly} All three change together, or nothing does.`;

export const createCollectionRoute = /* @__PURE__ */ defineRoute({
  functionName: 'createCollection',
  method: 'POST',
  path: '/collections/',
  summary: 'Make a collection of movies',
  description: 'An unknown movie id is a 400 naming it; a repeated one counts once.',
  tags: ['collections'],
  access: 'user',
  idempotent: true,
  get body() {
    return shapes.collections().CollectionBody;
  },
  response: {
    status: 201,
    description: 'the collection with the first page of its films; Location names it',
    get schema() {
      return shapes.collections().Collection;
    },
    headers: ['Location'],
  },
});

export const listCollectionsRoute = /* @__PURE__ */ defineRoute({
  functionName: 'listCollections',
  method: 'GET',
  path: '/collections/',
  summary: "A page of the caller's collections, newest first, and their favourite genres",
  description: 'Each collection names its films by id (movie_ids) and counts them; GET /collections/{id}/ shows them.',
  tags: ['collections'],
  access: 'user',
  get query() {
    return shapes.pagination().PaginationQuery;
  },
  response: {
    status: 200,
    description: 'a page of collections, without their films, with favourite_genres',
    get schema() {
      return shapes.collections().CollectionsPage;
    },
  },
});

export const getCollectionRoute = /* @__PURE__ */ defineRoute({
  functionName: 'getCollection',
  method: 'GET',
  path: '/collections/{id}/',
  summary: 'Read one of your collections and a page of its films',
  description: readOneDescription,
  tags: ['collections'],
  access: 'user',
  get params() {
    return shapes.common().IdPathParams;
  },
  get query() {
    return shapes.pagination().PaginationQuery;
  },
  response: {
    status: 200,
    description: 'the collection with the page of its films asked for',
    get schema() {
      return shapes.collections().Collection;
    },
  },
});

export const replaceCollectionRoute = /* @__PURE__ */ defineRoute({
  functionName: 'replaceCollection',
  method: 'PUT',
  path: '/collections/{id}/',
  summary: 'Replace the title, description and movies of one of your collections',
  description: replaceDescription,
  tags: ['collections'],
  access: 'user',
  get params() {
    return shapes.common().IdPathParams;
  },
  get body() {
    return shapes.collections().CollectionBody;
  },
  response: {
    status: 200,
    description: 'the collection with the first page of its films',
    get schema() {
      return shapes.collections().Collection;
    },
  },
});

export const deleteCollectionRoute = /* @__PURE__ */ defineRoute({
  functionName: 'deleteCollection',
  method: 'DELETE',
  path: '/collections/{id}/',
  summary: 'Delete one of your collections (its movies stay in the catalogue)',
  description: ownerOnly,
  tags: ['collections'],
  access: 'user',
  get params() {
    return shapes.common().IdPathParams;
  },
  response: { status: 204, description: 'deleted' },
});
