import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { updateMovieRoute } from '../../lib/schemas/routes/movies';

export const updateMovie: RouteImplementation<typeof updateMovieRoute, Pick<Services, 'movies'>> = async ({ params, body }, { movies }) =>
  movies.update(params.id, body);

export const handler = createHttpHandler(updateMovieRoute, updateMovie, servicesFor(updateMovieRoute));
