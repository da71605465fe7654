import * as z from 'zod';
import type * as movieContracts from '../../../lib/schemas/routes/movies';
import type * as ratingContracts from '../../../lib/schemas/routes/ratings';
import { stackOf } from '../../../lib/http/stack';
import { validateRequest } from '../../../lib/http/validateRequest';
import { httpEvent } from '../../../harness/events';

/** The ids of the schemas built so far: every named schema registers itself (`.meta({ id })`) as it is built. */
const built = () => [...(z.globalRegistry as unknown as { _idmap: Map<string, unknown> })._idmap.keys()];

// A contract module declares every route of its domain, and a function serves one of them: its cold start builds the
// schemas that route validates, when it first validates, and none of the others (a schema is built when first read).
describe('the schemas of a route contract', () => {
  // Required here, not imported above: this file is the first to load the contracts, so what they build is seen.
  const contracts = () => require('../../../lib/schemas/routes/movies') as typeof movieContracts;

  it('are not built while its module loads', () => {
    contracts();

    expect(built().filter((id) => ['Movie', 'CreateMovieBody', 'UpdateMovieBody', 'MoviePage', 'SimilarMovies'].includes(id))).toEqual([]);
  });

  it('are built as a request is validated against them: getMovie builds its path parameters, no movie shape', () => {
    const { getMovieRoute } = contracts();

    expect(validateRequest(getMovieRoute, httpEvent({ path: '/movies/7/', pathParameters: { id: '7' } }), undefined).params).toEqual({
      id: 7,
    });
    expect(built()).not.toContain('Movie');
  });

  it('are the same schemas on every read, the response shape included (the OpenAPI document reads it)', () => {
    const { getMovieRoute, createMovieRoute } = contracts();

    expect(getMovieRoute.response.schema).toBe(createMovieRoute.response.schema);
    expect(built()).toContain('Movie');
    expect(getMovieRoute.params).toBe(getMovieRoute.params);
  });
});

describe("a route's handler stack", () => {
  const contracts = () => require('../../../lib/schemas/routes/ratings') as typeof ratingContracts;

  // The stack is built while the function's module loads (INIT); a route that takes a body reads one, but its schema
  // waits for the first request.
  it('is built without building the schemas of the route: createRating reads bodies, and builds no body schema yet', () => {
    const layers = stackOf(contracts().createRatingRoute, () => Promise.reject(new Error('no services in this test')));

    expect(layers.map((layer) => layer.name)).toContain('readBody');
    expect(layers.find((layer) => layer.name === 'readBody')!.middlewares.length).toBeGreaterThan(0);
    expect(built()).not.toContain('CreateRatingBody');
  });
});
