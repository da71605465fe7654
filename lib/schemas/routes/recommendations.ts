import { defineRoute } from './contract';
import { RECOMMENDATION_BOUNDS, Recommendations, RecommendationsQuery } from '../recommendations';

export const listRecommendationsRoute = defineRoute({
  functionName: 'listRecommendations',
  method: 'GET',
  path: '/users/me/recommendations/',
  summary: 'Films for you',
  description:
    'Films the people who rated 4-5 what you rated 4-5 also rated 4-5, most support (how many of them) first, then by score; ' +
    'filled up with the best-scored films of your favourite genres (those of your recent 4-5s), then with the top rated. ' +
    `Never a film you rated; no summaries. With no ratings of yours, the top-rated list. One bounded read: ${RECOMMENDATION_BOUNDS}.`,
  tags: ['users'],
  access: 'user',
  query: RecommendationsQuery,
  response: { status: 200, description: 'the films, best first, each with the ids of your films that led to it', schema: Recommendations },
});
