import { type Services } from '../../lib/container';
import { getServicesWithSummaryWriter } from '../../lib/containerWithSummaryWriter';
import { NotFound } from '../../lib/errors';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { getMovieRoute } from '../../lib/schemas/routes/movies';

export const getMovie: RouteImplementation<typeof getMovieRoute, Pick<Services, 'movies' | 'summaries'>> = async (
  { params },
  { movies, summaries },
) => {
  const movie = await movies.findById(params.id);
  if (!movie) throw new NotFound(`movie ${params.id} does not exist`);
  return summaries.withSummary(movie);
};

// The one function that writes summaries, so the one whose bundle carries the LLM client.
export const handler = createHttpHandler(getMovieRoute, getMovie, getServicesWithSummaryWriter);
