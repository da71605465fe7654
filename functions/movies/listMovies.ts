import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { listMoviesRoute } from '../../lib/schemas/routes/movies';

export const listMovies: RouteImplementation<typeof listMoviesRoute, Pick<Services, 'movies'>> = async ({ query }, { movies }) =>
  movies.list(query);

export const handler = createHttpHandler(listMoviesRoute, listMovies, servicesFor(listMoviesRoute));
