import { servicesFor, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { noContent } from '../../lib/http/reply';
import { deleteMovieRoute } from '../../lib/schemas/routes/movies';

export const deleteMovie: RouteImplementation<typeof deleteMovieRoute, Pick<Services, 'movies'>> = async ({ params }, { movies }) => {
  await movies.remove(params.id);
  return noContent();
};

export const handler = createHttpHandler(deleteMovieRoute, deleteMovie, servicesFor(deleteMovieRoute));
