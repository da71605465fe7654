/*
 * The orders a listing of movies takes, without a schema: the search repository reads them on every listing, and a
 * module that builds no zod schema costs a cold start nothing to load (movies.ts builds its schemas as it loads).
 */

export const MOVIE_ORDER_FIELDS = ['title', 'year', 'rating', 'rating_count', 'score', 'created_at'] as const;
/** A search's own order, best matches first; a listing without a search has no match to rank, and is by title. */
export const RELEVANCE = 'relevance';
export const MOVIE_ORDERINGS = [...MOVIE_ORDER_FIELDS.flatMap((field) => [field, `-${field}`] as const), RELEVANCE] as const;
export type MovieOrdering = (typeof MOVIE_ORDERINGS)[number];
