import * as z from 'zod';
import { MovieWithoutSummary } from './movies';
import { integerQueryParam } from './pagination';

export const RecommendationsQuery = z.object({
  limit: integerQueryParam(1, 50).default(20).meta({ default: 20, description: 'how many films to answer at most' }),
});
export type RecommendationsQuery = z.output<typeof RecommendationsQuery>;

export const Recommendation = z
  .object({
    movie: MovieWithoutSummary,
    because: z
      .array(z.number().int().positive())
      .max(3)
      .describe('ids of your films that led to this one, the strongest reason first (at most 3); empty for a top-rated film'),
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
