import * as z from 'zod';
import { idInBody, integerBetween, Timestamp } from './common';

export const RatingValue = integerBetween(1, 5);

export const CreateRatingBody = z
  .object({
    movie: idInBody,
    value: RatingValue,
  })
  .meta({ id: 'CreateRatingBody' });
export type CreateRatingBody = z.infer<typeof CreateRatingBody>;

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
