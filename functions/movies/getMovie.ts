import { getServices } from '../../lib/container';
import { NotFound } from '../../lib/errors';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { getSummaryGenerator } from '../../lib/llm';
import { getMovieRoute } from '../../lib/schemas/routes/movies';

export const getMovie: RouteImplementation<typeof getMovieRoute> = async ({ params }, { movies, summaries }) => {
  const movie = await movies.findById(params.id);
  if (!movie) throw new NotFound(`movie ${params.id} does not exist`);
  return summaries.withSummary(movie);
};

// The one function that writes summaries, so the one whose bundle carries the LLM client.
export const handler = createHttpHandler(getMovieRoute, getMovie, () => getServices(getSummaryGenerator));
