import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { regenerateSummaryRoute } from '../../lib/schemas/routes/movies';

export const regenerateSummary: RouteImplementation<typeof regenerateSummaryRoute, Pick<Services, 'movies' | 'summaries'>> = async (
  { params },
  { movies, summaries },
) => summaries.regenerate(await movies.get(params.id));

export const handler = createHttpHandler(regenerateSummaryRoute, regenerateSummary, servicesFor(regenerateSummaryRoute));
