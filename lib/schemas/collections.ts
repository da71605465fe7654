import * as z from 'zod';
import { idInBody, multilineText, Timestamp, trimmedText } from './common';
import { MovieWithoutSummary } from './movies';
import { pageOf } from './pagination';

export const MAX_COLLECTION_MOVIES = 500;
const moviesMessage = `must be an array of at most ${MAX_COLLECTION_MOVIES} movie ids`;

/** What POST creates and PUT replaces: a missing description or movie list means none. */
export const CollectionBody = z
  .object({
    title: trimmedText(1, 200),
    description: multilineText(0, 2000)
      .nullish()
      .transform((text) => (text ? text : null)),
    movies: z
      .array(idInBody, { error: moviesMessage })
      .max(MAX_COLLECTION_MOVIES, { error: moviesMessage })
      .optional()
      .transform((ids) => ids ?? [])
      .describe('movie ids in the order to keep them; a repeated id counts once, at its first place'),
  })
  .meta({ id: 'CollectionBody' });
export type CollectionBody = z.output<typeof CollectionBody>;

/**
 * A collection without its films, as the list shows it: whatever is stored, a page of these stays small, since each
 * names its films by id (at most MAX_COLLECTION_MOVIES) instead of embedding them.
 */
export const CollectionSummary = z
  .object({
    id: z.number().int().positive(),
    title: z.string(),
    description: z.string().nullable(),
    movie_count: z.number().int().nonnegative().describe('films in the collection'),
    movie_ids: z
      .array(z.number().int().positive())
      .describe('every film of the collection, in its order; GET /movies/?ids= or the collection itself shows them'),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'CollectionSummary' });
export type CollectionSummary = z.infer<typeof CollectionSummary>;

/** One collection with a page of its films: at most 100 films, so its answer stays small whatever they hold. */
export const Collection = CollectionSummary.extend({
  movies: pageOf(MovieWithoutSummary).describe(
    'one page of its films, in its order: page and page_size in the query choose it (by default the first 20)',
  ),
}).meta({ id: 'Collection' });
export type Collection = z.infer<typeof Collection>;

export const CollectionsPage = pageOf(CollectionSummary)
  .extend({
    favourite_genres: z
      .array(z.string())
      .max(3)
      .describe("the caller's top 3 genres across the movies of all their collections, most frequent first, ties by name"),
  })
  .meta({ id: 'CollectionsPage' });
export type CollectionsPage = z.infer<typeof CollectionsPage>;
