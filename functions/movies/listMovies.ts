import { createHttpHandler, type RouteImplementation } from '../../lib/http/createHttpHandler';
import { pageOffset, toPage } from '../../lib/schemas/pagination';
import { listMoviesRoute } from '../../lib/schemas/routes/movies';

export const listMovies: RouteImplementation<typeof listMoviesRoute> = async ({ query }, { movies }) => {
  const { search, genre, ordering, page_size: limit } = query;
  const { count, movies: results } = await movies.list({ offset: pageOffset(query), limit, search, genre, ordering });
  return toPage(results, count, query);
};

export const handler = createHttpHandler(listMoviesRoute, listMovies);
