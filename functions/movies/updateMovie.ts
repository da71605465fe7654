import { getServices, type Services } from '../../lib/container';
import { NotFound } from '../../lib/errors';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { updateMovieRoute } from '../../lib/schemas/routes/movies';

export const updateMovie: RouteImplementation<typeof updateMovieRoute, Pick<Services, 'movies'>> = async ({ params, body }, { movies }) => {
  const movie = await movies.update(params.id, body);
  if (!movie) throw new NotFound(`movie ${params.id} does not exist`);
  return movie;
};

export const handler = createHttpHandler(updateMovieRoute, updateMovie, getServices);
