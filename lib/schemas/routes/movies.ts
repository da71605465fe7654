import { defineRoute } from './contract';
import { IdPathParams } from '../common';
import { CreateMovieBody, ListMoviesQuery, Movie, MoviePage, SimilarMovies, SimilarMoviesQuery, UpdateMovieBody } from '../movies';

export const createMovieRoute = defineRoute({
  functionName: 'createMovie',
  method: 'POST',
  path: '/movies/',
  summary: 'Add a movie',
  tags: ['movies'],
  access: 'public',
  idempotent: true,
  writes: true,
  body: CreateMovieBody,
  response: { status: 201, description: 'the movie as stored; Location names it', schema: Movie, headers: ['Location'] },
});

export const getMovieRoute = defineRoute({
  functionName: 'getMovie',
  method: 'GET',
  path: '/movies/{id}/',
  summary: 'Read a movie with its LLM-written summary',
  description: 'The summary is written on the first read and stored; when the LLM fails, summary is null.',
  tags: ['movies'],
  access: 'public',
  params: IdPathParams,
  response: { status: 200, description: 'the movie', schema: Movie },
  errors: [404],
  writesSummaries: true,
  // HTTP API integrations give up after 30 s; getMovie waits at most LLM_TIMEOUT_MS for a summary.
  lambda: { timeout: 20 },
});

export const listMoviesRoute = defineRoute({
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
  query: ListMoviesQuery,
  response: { status: 200, description: 'one page of movies', schema: MoviePage },
});

export const similarMoviesRoute = defineRoute({
  functionName: 'similarMovies',
  method: 'GET',
  path: '/movies/{id}/similar/',
  summary: 'Films like this one',
  description:
    'The films the people who rated this one 4-5 also rated 4-5, most shared first; filled up with films by its director, ' +
    'then films sharing a genre, nearest in year. Never the film itself; no summaries.',
  tags: ['movies'],
  access: 'public',
  params: IdPathParams,
  query: SimilarMoviesQuery,
  response: { status: 200, description: 'the similar films, best first', schema: SimilarMovies },
  errors: [404],
});

export const updateMovieRoute = defineRoute({
  functionName: 'updateMovie',
  method: 'PATCH',
  path: '/movies/{id}/',
  summary: "Correct a movie's facts (admins only)",
  description:
    'Only the fields given change; null clears description or year. A change of title, year, genres or description ' +
    'clears the stored summary, so the next read writes one from the new facts.',
  tags: ['movies'],
  access: 'admin',
  params: IdPathParams,
  body: UpdateMovieBody,
  response: { status: 200, description: 'the movie as stored now', schema: Movie },
});

export const deleteMovieRoute = defineRoute({
  functionName: 'deleteMovie',
  method: 'DELETE',
  path: '/movies/{id}/',
  summary: 'Remove a movie, its ratings and its places in collections (admins only)',
  tags: ['movies'],
  access: 'admin',
  params: IdPathParams,
  response: { status: 204, description: 'deleted' },
});

export const regenerateSummaryRoute = defineRoute({
  functionName: 'regenerateSummary',
  method: 'POST',
  path: '/movies/{id}/summary/',
  summary: "Rewrite a movie's summary (admins only)",
  description:
    'Writes a new summary and stores it in place of the old one; when the LLM fails, 502 and the old one stays. ' +
    "It counts against LLM_MAX_CALLS_PER_HOUR: once the hour's budget is spent, 503 with Retry-After.",
  tags: ['movies'],
  access: 'admin',
  params: IdPathParams,
  response: { status: 200, description: 'the movie with its new summary', schema: Movie },
  errors: [502, 503],
  writesSummaries: true,
  lambda: { timeout: 20 },
});
