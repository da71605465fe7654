import { defineRoute } from '../../http/route';
import { IdPathParams } from '../common';
import { CreateMovieBody, ListMoviesQuery, Movie, MoviePage, SimilarMovies, SimilarMoviesQuery } from '../movies';

export const createMovieRoute = defineRoute({
  functionName: 'createMovie',
  method: 'POST',
  path: '/movies/',
  summary: 'Add a movie',
  tags: ['movies'],
  access: 'public',
  writes: true,
  body: CreateMovieBody,
  response: { status: 201, description: 'the movie as stored; Location names it', schema: Movie },
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
  lambda: {
    // HTTP API integrations give up after 30 s; getMovie waits at most LLM_TIMEOUT_MS for a summary.
    timeout: 20,
    // The LLM client travels beside the bundle: it has no dependencies of its own. (Negated patterns to drop its
    // sources and types make serverless-esbuild zip every file twice, so the package goes in whole: 7.5 MB zipped.)
    packagePatterns: ['node_modules/openai/**'],
  },
});

export const listMoviesRoute = defineRoute({
  functionName: 'listMovies',
  method: 'GET',
  path: '/movies/',
  summary: 'Page through the catalogue',
  description: 'Never calls the LLM: summary is the stored one, or null.',
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
