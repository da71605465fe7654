import { type Services } from '../../lib/container';
import { getServicesWithSummaryWriter } from '../../lib/containerWithSummaryWriter';
import { notFound } from '../../lib/errors';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { regenerateSummaryRoute } from '../../lib/schemas/routes/movies';

export const regenerateSummary: RouteImplementation<typeof regenerateSummaryRoute, Pick<Services, 'movies' | 'summaries'>> = async (
  { params },
  { movies, summaries },
) => {
  const movie = (await movies.findById(params.id)) ?? notFound('movie', params.id);
  return (await summaries.regenerate(movie)) ?? notFound('movie', params.id);
};

// Like getMovie, a function that writes summaries, so its bundle carries the LLM client.
export const handler = createHttpHandler(regenerateSummaryRoute, regenerateSummary, getServicesWithSummaryWriter);
