import { NotFound } from '../../lib/errors';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { getMovieRoute } from '../../lib/schemas/routes/movies';

export const getMovie: RouteImplementation<typeof getMovieRoute> = async ({ params }, { movies, summaries }) => {
  const movie = await movies.findById(params.id);
  if (!movie) throw new NotFound(`movie ${params.id} does not exist`);
  return summaries.withSummary(movie);
};

export const handler = createHttpHandler(getMovieRoute, getMovie);
