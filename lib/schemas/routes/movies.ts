import { defineRoute } from './contract';
import type * as common from '../common';
import type * as movies from '../movies';

// Node's, declared for the web page's type check too (web/tsconfig.json has no Node types): it reads these contracts.
declare const require: (id: string) => unknown;
/** The schema modules these contracts name, each evaluated when a contract's schema is first read. */
const shapes = {
  common: () => require('../common') as typeof common,
  movies: () => require('../movies') as typeof movies,
};

export const createMovieRoute = /* @__PURE__ */ defineRoute({
  functionName: 'createMovie',
  method: 'POST',
  path: '/movies/',
  summary: 'Add a movie',
  tags: ['movies'],
  access: 'public',
  idempotent: true,
  writes: true,
  get body() {
    return shapes.movies().CreateMovieBody;
  },
  response: {
    status: 201,
    description: 'the movie as stored; Location names it',
    get schema() {
      return shapes.movies().Movie;
    },
    headers: ['Location'],
  },
});

export const getMovieRoute = /* @__PURE__ */ defineRoute({
  functionName: 'getMovie',
  method: 'GET',
  path: '/movies/{id}/',
  summary: 'Read a movie with its LLM-written summary',
  description: 'The summary is written on the first read and stored; when the LLM fails, summary is null.',
  tags: ['movies'],
  access: 'public',
  get params() {
    return shapes.common().IdPathParams;
  },
  response: {
    status: 200,
    description: 'the movie',
    get schema() {
      return shapes.movies().Movie;
    },
  },
  errors: [404],
  writesSummaries: true,
  // HTTP API integrations give up after 30 s; getMovie waits at most LLM_TIMEOUT_MS for a summary.
  lambda: { timeout: 20 },
});

export const listMoviesRoute = /* @__PURE__ */ defineRoute({
  functionName: 'listMovies',
  method: 'GET',
  path: '/movies/',
  summary: 'Page through the catalogue, or look up many films by id',
  description:
    'Never calls the LLM: summary is the stored one, or null. With ids=12,3,7 (1-100 distinct positive ids) the page holds ' +
    'those movies in the order given, unknown ids left out: count is how many were found, page is 1, page_size the number ' +
    'of ids asked and total_pages 1 (0 when none was found); ids with search, genre, ordering, page or page_size is a 400.',
  tags: ['movies'],
  access: 'public',
  get query() {
    return shapes.movies().ListMoviesQuery;
  },
  response: {
    status: 200,
    description: 'one page of movies',
    get schema() {
      return shapes.movies().MoviePage;
    },
  },
});

export const similarMoviesRoute = /* @__PURE__ */ defineRoute({
  functionName: 'similarMovies',
  method: 'GET',
  path: '/movies/{id}/similar/',
  summary: 'Films like this one',
  description:
    'The films the people who rated this one 4-5 also rated 4-5, most shared first; filled up with films by its director, ' +
    'then films sharing a genre, nearest in year. Never the film itself; no summaries.',
  tags: ['movies'],
  access: 'public',
  get params() {
    return shapes.common().IdPathParams;
  },
  get query() {
    return shapes.movies().SimilarMoviesQuery;
  },
  response: {
    status: 200,
    description: 'the similar films, best first',
    get schema() {
      return shapes.movies().SimilarMovies;
    },
  },
  errors: [404],
});

export const updateMovieRoute = /* @__PURE__ */ defineRoute({
  functionName: 'updateMovie',
  method: 'PATCH',
  path: '/movies/{id}/',
  summary: "Correct a movie's facts (admins only)",
  description:
    'Only the fields given change; null clears description or year. A change of title, year, genres or description ' +
    'clears the stored summary, so the next read writes one from the new facts.',
  tags: ['movies'],
  access: 'admin',
  get params() {
    return shapes.common().IdPathParams;
  },
  get body() {
    return shapes.movies().UpdateMovieBody;
  },
  response: {
    status: 200,
    description: 'the movie as stored now',
    get schema() {
      return shapes.movies().Movie;
    },
  },
});

export const deleteMovieRoute = /* @__PURE__ */ defineRoute({
  functionName: 'deleteMovie',
  method: 'DELETE',
  path: '/movies/{id}/',
  summary: 'Remove a movie, its ratings and its places in collections (admins only)',
  tags: ['movies'],
  access: 'admin',
  get params() {
    return shapes.common().IdPathParams;
  },
  response: { status: 204, description: 'deleted' },
});

export const regenerateSummaryRoute = /* @__PURE__ */ defineRoute({
  functionName: 'regenerateSummary',
  method: 'POST',
  path: '/movies/{id}/summary/',
  summary: "Rewrite a movie's summary (admins only)",
  description:
    'Writes a new summary and stores it in place of the old one; when the LLM fails, 502 and the old one stays. ' +
    "It counts against LLM_MAX_CALLS_PER_HOUR: once the hour's budget is spent, 503 with Retry-After.",
  tags: ['movies'],
  access: 'admin',
  get params() {
    return shapes.common().IdPathParams;
  },
  response: {
    status: 200,
    description: 'the movie with its new summary',
    get schema() {
      return shapes.movies().Movie;
    },
  },
  errors: [502, 503],
  writesSummaries: true,
  lambda: { timeout: 20 },
});
