import { NotFound } from '../errors';
import type { RatingsRepository } from '../repositories/ratingsRepository';
import type { Rating } from '../schemas/ratings';

export interface RateMovie {
  movieId: number;
  value: number;
}

export function createRatingsService({ ratings }: { ratings: RatingsRepository }) {
  return {
    async rate({ movieId, value }: RateMovie): Promise<Rating> {
      const rating = await ratings.insertAnonymous(movieId, value);
      if (!rating) throw new NotFound(`movie ${movieId} does not exist`);
      return rating;
    },
  };
}

export type RatingsService = ReturnType<typeof createRatingsService>;
