import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { getMovieRoute } from '../../lib/schemas/routes/movies';

export const getMovie: RouteImplementation<typeof getMovieRoute, Pick<Services, 'movies' | 'summaries'>> = async (
  { params },
  { movies, summaries },
) => summaries.withSummary(await movies.get(params.id));

export const handler = createHttpHandler(getMovieRoute, getMovie, servicesFor(getMovieRoute));
