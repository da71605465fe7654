import { servicesFor, type Services } from '../../lib/container';
import { notFound } from '../../lib/errors';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { regenerateSummaryRoute } from '../../lib/schemas/routes/movies';

export const regenerateSummary: RouteImplementation<typeof regenerateSummaryRoute, Pick<Services, 'movies' | 'summaries'>> = async (
  { params },
  { movies, summaries },
) => (await summaries.regenerate(await movies.get(params.id))) ?? notFound('movie', params.id);

export const handler = createHttpHandler(regenerateSummaryRoute, regenerateSummary, servicesFor(regenerateSummaryRoute));
