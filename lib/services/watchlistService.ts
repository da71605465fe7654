import { notFound } from '../errors';
import type { WatchlistRepository } from '../repositories/watchlistRepository';
import { pageWindow, toPage, type Page } from '../schemas/pages';
import type { PaginationQuery } from '../schemas/pagination';
import type { WatchlistEntry } from '../schemas/watchlist';

/** The watchlist (docs/USAGE.md): films a user means to watch, added and removed idempotently. */
export function createWatchlistService({ watchlist }: { watchlist: WatchlistRepository }) {
  return {
    async add(userId: number, movieId: number): Promise<void> {
      if (!(await watchlist.add(userId, movieId))) notFound('movie', movieId);
    },

    remove: (userId: number, movieId: number): Promise<void> => watchlist.remove(userId, movieId),

    async pageOf(userId: number, query: PaginationQuery): Promise<Page<WatchlistEntry>> {
      const { results, count } = await watchlist.pageOf(userId, pageWindow(query));
      return toPage(results, count, query);
    },
  };
}

export type WatchlistService = ReturnType<typeof createWatchlistService>;
