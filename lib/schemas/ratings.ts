import * as z from 'zod';
import { idInBody, integerBetween, Timestamp } from './common';
import type * as movies from './movies';
import { pageOf } from './pages';

// Node's, declared for the web page's type check too (web/tsconfig.json has no Node types), which reads this module.
declare const require: (id: string) => unknown;
/**
 * The movie shapes, required when a rated movie's shape is first read: a rating's body names its movie by id, so the
 * first rating a cold start validates builds none of them.
 */
const movieShapes = () => require('./movies') as typeof movies;

export const RatingValue = integerBetween(1, 5);

export const CreateRatingBody = z
  .object({
    movie: idInBody,
    value: RatingValue,
  })
  .meta({ id: 'CreateRatingBody' });
export type CreateRatingBody = z.infer<typeof CreateRatingBody>;

export const ChangeRatingBody = z.object({ value: RatingValue }).meta({ id: 'ChangeRatingBody' });

export const Rating = z
  .object({
    id: z.number().int().positive(),
    movie: z.number().int().positive(),
    value: z.number().int().min(1).max(5),
    user: z.number().int().positive().nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'Rating' });
export type Rating = z.infer<typeof Rating>;

export const RatingsPage = pageOf(Rating).meta({ id: 'RatingsPage' });

export const RatedMovie = z
  .object({
    get movie() {
      return movieShapes().MovieWithoutSummary;
    },
    value: integerBetween(1, 5),
    rated_at: Timestamp,
  })
  .meta({ id: 'RatedMovie' });
export type RatedMovie = z.infer<typeof RatedMovie>;

export const RatedMoviesPage = pageOf(RatedMovie).meta({ id: 'RatedMoviesPage' });
