import { BadRequest, notFound } from '../errors';
import type { CollectionsRepository } from '../repositories/collectionsRepository';
import type { MoviesRepository } from '../repositories/moviesRepository';
import type { Collection, CollectionBody, CollectionsPage } from '../schemas/collections';
import { pageWindow, toPage, withPageDefaults } from '../schemas/pages';
import type { PaginationQuery } from '../schemas/pagination';

export interface CollectionsServiceOptions {
  collections: CollectionsRepository;
  movies: MoviesRepository;
}

/**
 * Users' collections: owner-only (anyone else is told it does not exist), movies kept in the order
 * given with repeats collapsed, and every movie id checked before anything is written.
 */
export function createCollectionsService({ collections, movies }: CollectionsServiceOptions) {
  /** The body's movie ids, each once at its first place; a 400 naming every unknown one, by its place in the body. */
  async function knownMovies({ title, description, movies: ids }: CollectionBody) {
    const unique = [...new Set(ids)];
    const missing = new Set(await movies.findMissing(unique));
    if (missing.size > 0) {
      const errors = unique
        .filter((id) => missing.has(id))
        .map((id) => ({ path: `movies.${ids.indexOf(id)}`, message: `movie ${id} does not exist` }));
      const names = [...missing].join(', ');
      throw new BadRequest(missing.size === 1 ? `movie ${names} does not exist` : `movies ${names} do not exist`, errors);
    }
    return { title, description, movies: unique };
  }

  return {
    /** The new collection with the first page of its films. */
    async create(userId: number, body: CollectionBody): Promise<Collection> {
      return this.get(await collections.create(userId, await knownMovies(body)), userId);
    },

    /** The collection with one page of its films (by default the first); every film is named in movie_ids. */
    async get(id: number, userId: number, query: PaginationQuery = withPageDefaults({})): Promise<Collection> {
      const found = await collections.findOwned(id, userId, pageWindow(query));
      if (!found) notFound('collection', id);
      return { ...found.collection, movies: toPage(found.movies, found.collection.movie_count, query) };
    },

    async replace(id: number, userId: number, body: CollectionBody): Promise<Collection> {
      if (!(await collections.replace(id, userId, await knownMovies(body)))) notFound('collection', id);
      return this.get(id, userId);
    },

    async remove(id: number, userId: number): Promise<void> {
      if (!(await collections.remove(id, userId))) notFound('collection', id);
    },

    async list(userId: number, query: PaginationQuery): Promise<CollectionsPage> {
      const { results, count, favouriteGenres } = await collections.listOwned(userId, pageWindow(query));
      return { ...toPage(results, count, query), favourite_genres: favouriteGenres };
    },
  };
}

export type CollectionsService = ReturnType<typeof createCollectionsService>;
