import { getServices, type Services } from '../../lib/container';
import { NotFound } from '../../lib/errors';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { similarMoviesRoute } from '../../lib/schemas/routes/movies';

export const similarMovies: RouteImplementation<typeof similarMoviesRoute, Pick<Services, 'movies'>> = async (
  { params, query },
  { movies },
) => {
  const similar = await movies.similarTo(params.id, query.limit);
  if (!similar) throw new NotFound(`movie ${params.id} does not exist`);
  return { results: similar.map(({ summary: _summary, summary_source: _source, ...movie }) => movie) };
};

export const handler = createHttpHandler(similarMoviesRoute, similarMovies, getServices);
