import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { similarMoviesRoute } from '../../lib/schemas/routes/movies';

export const similarMovies: RouteImplementation<typeof similarMoviesRoute, Pick<Services, 'movies'>> = async (
  { params, query },
  { movies },
) => movies.similarTo(params.id, query.limit);

export const handler = createHttpHandler(similarMoviesRoute, similarMovies, servicesFor(similarMoviesRoute));
