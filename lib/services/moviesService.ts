import { notFound } from '../errors';
import type { MovieChanges, MoviesRepository, NewMovie } from '../repositories/moviesRepository';
import { withoutSummary } from '../repositories/movieRows';
import type { MovieSearchRepository } from '../repositories/movieSearchRepository';
import type { SimilarMoviesRepository } from '../repositories/similarMoviesRepository';
import type { ListMoviesQuery, Movie, SimilarMovies } from '../schemas/movies';
import { pageWindow, toPage, withPageDefaults, type Page } from '../schemas/pages';

export interface MoviesServiceDependencies {
  movies: MoviesRepository;
  search: MovieSearchRepository;
  similar: SimilarMoviesRepository;
}

/** The catalogue's movies as the API speaks of them: an unknown id is a 404, a listing is a Page. */
export function createMoviesService({ movies, search, similar }: MoviesServiceDependencies) {
  return {
    create: (movie: NewMovie): Promise<Movie> => movies.create(movie),

    async get(id: number): Promise<Movie> {
      return (await movies.findById(id)) ?? notFound('movie', id);
    },

    /**
     * One page of the catalogue, searched, filtered and ordered as asked; or, given ids, those movies in that order on
     * one page whose size is the number of ids asked. It never calls the LLM.
     */
    async list(query: ListMoviesQuery): Promise<Page<Movie>> {
      const { search: words, genre, ordering, ids } = query;
      if (ids) {
        const found = await search.byIds(ids);
        return toPage(found, found.length, { page: 1, page_size: ids.length });
      }
      const pagination = withPageDefaults(query);
      const { count, movies: results } = await search.list({ ...pageWindow(pagination), search: words, genre, ordering });
      return toPage(results, count, pagination);
    },

    /** The films most like this one, best first, without summaries. */
    async similarTo(id: number, limit: number): Promise<SimilarMovies> {
      const found = (await similar.similarTo(id, limit)) ?? notFound('movie', id);
      return { results: found.map(withoutSummary) };
    },

    async update(id: number, changes: MovieChanges): Promise<Movie> {
      return (await movies.update(id, changes)) ?? notFound('movie', id);
    },

    /** The movie goes, and with it its ratings, its places in collections and its search entry. */
    async remove(id: number): Promise<void> {
      if (!(await movies.delete(id))) notFound('movie', id);
    },
  };
}

export type MoviesService = ReturnType<typeof createMoviesService>;
