import { notFound } from '../errors';
import type { RatingsRepository } from '../repositories/ratingsRepository';
import { pageWindow, toPage, type Page } from '../schemas/pages';
import type { PaginationQuery } from '../schemas/pagination';
import type { Rating } from '../schemas/ratings';
import type { RatedMovie } from '../schemas/ratings';
import type { AuthUser } from './tokens';

export interface RateMovie {
  movieId: number;
  value: number;
}

export function createRatingsService({ ratings }: { ratings: RatingsRepository }) {
  return {
    async rate({ movieId, value }: RateMovie): Promise<Rating> {
      const rating = await ratings.insertAnonymous(movieId, value);
      if (!rating) notFound('movie', movieId);
      return rating;
    },

    /** A signed-in user's rating: created the first time, its value replaced after that (same id). */
    async rateAsUser({ movieId, value, userId }: RateMovie & { userId: number }): Promise<{ rating: Rating; created: boolean }> {
      const result = await ratings.upsertForUser(movieId, userId, value);
      if (!result) notFound('movie', movieId);
      return result;
    },

    // Another user's rating answers 404, exactly like a missing one: its existence is not the caller's to know.
    async get(id: number, caller: AuthUser): Promise<Rating> {
      return (await ratings.findVisible(id, caller)) ?? notFound('rating', id);
    },

    async changeValue(id: number, value: number, caller: AuthUser): Promise<Rating> {
      return (await ratings.updateVisible(id, value, caller)) ?? notFound('rating', id);
    },

    async remove(id: number, caller: AuthUser): Promise<void> {
      if (!(await ratings.deleteVisible(id, caller))) notFound('rating', id);
    },

    async listOf(userId: number, query: PaginationQuery): Promise<Page<Rating>> {
      const { results, count } = await ratings.listByUser(userId, pageWindow(query));
      return toPage(results, count, query);
    },

    async ratedMoviesOf(userId: number, query: PaginationQuery): Promise<Page<RatedMovie>> {
      const { results, count } = await ratings.ratedMoviesOf(userId, pageWindow(query));
      return toPage(results, count, query);
    },
  };
}

export type RatingsService = ReturnType<typeof createRatingsService>;
