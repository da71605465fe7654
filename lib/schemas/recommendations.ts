import * as z from 'zod';
import { MovieWithoutSummary } from './movies';
import { integerQueryParam } from './pagination';

/** How far the one read of recommendations reaches (lib/repositories/recommendationsRepository.ts). */
export const RECENT_LIKES = 10;
export const LIKERS_PER_FILM = 5;
export const LIKES_PER_LIKER = 8;
export const FAVOURITE_GENRES = 3;
export const FILL_POOL = 100;
/** The most reasons a recommendation names. */
export const MAX_REASONS = 3;

/** The bounds in words, for the contract's description and the README. */
export const RECOMMENDATION_BOUNDS =
  `your ${RECENT_LIKES} most recent likes (ratings of 4-5), the ${LIKERS_PER_FILM} most recent other likers of each, ` +
  `the ${LIKES_PER_LIKER} most recent likes of each liker, and the ${FILL_POOL} best-scored films you have not rated ` +
  `(your ${FAVOURITE_GENRES} favourite genres taken from your recent likes)`;

export const RecommendationsQuery = z.object({
  limit: integerQueryParam(1, 50).default(20).meta({ default: 20, description: 'how many films to answer at most' }),
});
export type RecommendationsQuery = z.output<typeof RecommendationsQuery>;

export const Recommendation = z
  .object({
    movie: MovieWithoutSummary,
    because: z
      .array(z.number().int().positive())
      .max(MAX_REASONS)
      .describe(`ids of your films that led to this one, the strongest reason first (at most ${MAX_REASONS}); empty for a top-rated film`),
  })
  .meta({ id: 'Recommendation' });

export const Recommendations = z
  .object({ results: z.array(Recommendation) })
  .describe(
    'films the people who liked (4-5) what you liked also liked, most support first; then the best-scored films of your ' +
      'favourite genres; then the top rated. Never a film you rated',
  )
  .meta({ id: 'Recommendations' });
export type Recommendations = z.infer<typeof Recommendations>;
