import { getServices, type Services } from '../../lib/container';
import { NotFound } from '../../lib/errors';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { noContent } from '../../lib/http/reply';
import { deleteMovieRoute } from '../../lib/schemas/routes/movies';

export const deleteMovie: RouteImplementation<typeof deleteMovieRoute, Pick<Services, 'movies'>> = async ({ params }, { movies }) => {
  if (!(await movies.delete(params.id))) throw new NotFound(`movie ${params.id} does not exist`);
  return noContent();
};

export const handler = createHttpHandler(deleteMovieRoute, deleteMovie, getServices);
