import * as z from 'zod';
import type * as ratingContracts from '../../../lib/schemas/routes/ratings';
import { validateRequest } from '../../../lib/http/validateRequest';
import { httpEvent } from '../../../harness/events';

/** The ids of the schemas built so far: every named schema registers itself (`.meta({ id })`) as it is built. */
const built = () => [...(z.globalRegistry as unknown as { _idmap: Map<string, unknown> })._idmap.keys()];

// A rating's body names a movie by its id: the first rating a cold start validates needs none of the movie shapes the
// ratings' pages embed, so it builds none (they are built when a page of rated movies is first described).
describe("createRating's first validation", () => {
  // Required here, not imported above: this file is the first to load the contracts, so what they build is seen.
  const contracts = () => require('../../../lib/schemas/routes/ratings') as typeof ratingContracts;

  it('builds the rating body and no movie shape', () => {
    const { createRatingRoute } = contracts();
    const body = { movie: 3, value: 4 };

    expect(validateRequest(createRatingRoute, httpEvent({ method: 'POST', path: '/ratings/', body }), body).body).toEqual(body);
    expect(built()).toContain('CreateRatingBody');
    expect(built().filter((id) => ['Movie', 'MovieWithoutSummary', 'CreateMovieBody', 'MoviePage'].includes(id))).toEqual([]);
  });

  it('builds the movie shapes when a page of rated movies is read, as the OpenAPI document reads it', () => {
    const { listMyRatingsRoute } = contracts();

    expect(Object.keys(listMyRatingsRoute.response.schema.shape.results.element.shape.movie.shape)).toContain('title');
    expect(built()).toContain('MovieWithoutSummary');
  });
});
