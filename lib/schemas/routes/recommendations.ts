import { defineRoute } from './contract';
import type * as recommendations from '../recommendations';
import { RECOMMENDATION_BOUNDS } from '../recommendations';

// Node's, declared for the web page's type check too (web/tsconfig.json has no Node types): it reads these contracts.
declare const require: (id: string) => unknown;
/** The schema modules these contracts name, each evaluated when a contract's schema is first read. */
const shapes = {
  recommendations: () => require('../recommendations') as typeof recommendations,
};

export const listRecommendationsRoute = /* @__PURE__ */ defineRoute({
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
  get query() {
    return shapes.recommendations().RecommendationsQuery;
  },
  response: {
    status: 200,
    description: 'the films, best first, each with the ids of your films that led to it',
    get schema() {
      return shapes.recommendations().Recommendations;
    },
  },
});
