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

export const Collection = z
  .object({
    id: z.number().int().positive(),
    title: z.string(),
    description: z.string().nullable(),
    movies: z.array(MovieWithoutSummary),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'Collection' });
export type Collection = z.infer<typeof Collection>;

export const CollectionsPage = pageOf(Collection)
  .extend({
    favourite_genres: z
      .array(z.string())
      .max(3)
      .describe("the caller's top 3 genres across the movies of all their collections, most frequent first, ties by name"),
  })
  .meta({ id: 'CollectionsPage' });
export type CollectionsPage = z.infer<typeof CollectionsPage>;
