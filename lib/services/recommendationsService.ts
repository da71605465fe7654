import { withoutSummary } from '../repositories/movieRows';
import type { RecommendationsRepository } from '../repositories/recommendationsRepository';
import type { Recommendations } from '../schemas/recommendations';

export interface RecommendationsServiceDependencies {
  recommendations: RecommendationsRepository;
}

/** Films for a signed-in person, as the API shows them: without summaries, each with its reasons. */
export function createRecommendationsService({ recommendations }: RecommendationsServiceDependencies) {
  return {
    async forUser(userId: number, limit: number): Promise<Recommendations> {
      const found = await recommendations.recommendFor(userId, limit);
      return { results: found.map(({ movie, because }) => ({ movie: withoutSummary(movie), because })) };
    },
  };
}

export type RecommendationsService = ReturnType<typeof createRecommendationsService>;
