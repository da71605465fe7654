import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { created } from '../../lib/http/reply';
import { createMovieRoute } from '../../lib/schemas/routes/movies';

export const createMovie: RouteImplementation<typeof createMovieRoute, Pick<Services, 'movies'>> = async ({ body }, { movies }) => {
  const movie = await movies.create(body);
  return created(movie, `/movies/${movie.id}/`);
};

export const handler = createHttpHandler(createMovieRoute, createMovie, servicesFor(createMovieRoute));
