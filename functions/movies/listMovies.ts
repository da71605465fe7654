import { getServices, type Services } from '../../lib/container';
import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { pageWindow, toPage } from '../../lib/schemas/pagination';
import { listMoviesRoute } from '../../lib/schemas/routes/movies';

export const listMovies: RouteImplementation<typeof listMoviesRoute, Pick<Services, 'movies'>> = async ({ query }, { movies }) => {
  const { search, genre, ordering } = query;
  const { count, movies: results } = await movies.list({ ...pageWindow(query), search, genre, ordering });
  return toPage(results, count, query);
};

export const handler = createHttpHandler(listMoviesRoute, listMovies, getServices);
