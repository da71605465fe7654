import type { Client } from '@libsql/client';
import type { WatchlistEntry } from '../schemas/watchlist';
import { movieColumnsOf, toMovie, withoutSummary } from './movieRows';
import type { PageWindow } from './ratingsRepository';
import { column, writeOne } from './rows';

/** The films each user means to watch (migration 012); rating one takes it off, by trigger. */
export function createWatchlistRepository(db: Client) {
  return {
    /** Adds a film, keeping the entry (and its date) if it is there already; false when the movie does not exist. */
    async add(userId: number, movieId: number): Promise<boolean> {
      const [, exists] = await db.batch(
        [
          {
            sql: 'INSERT INTO watchlist (user_id, movie_id) SELECT ?, id FROM movies WHERE id = ? ON CONFLICT (user_id, movie_id) DO NOTHING',
            args: [userId, movieId],
          },
          { sql: 'SELECT 1 FROM movies WHERE id = ?', args: [movieId] },
        ],
        'write',
      );
      return exists!.rows.length === 1;
    },

    async remove(userId: number, movieId: number): Promise<void> {
      await writeOne(db, { sql: 'DELETE FROM watchlist WHERE user_id = ? AND movie_id = ?', args: [userId, movieId] });
    },

    /** One page of a user's watchlist, newest first, and how many entries it has. */
    async pageOf(userId: number, { limit, offset }: PageWindow): Promise<{ results: WatchlistEntry[]; count: number }> {
      const [rows, total] = await db.batch(
        [
          {
            sql: `SELECT ${movieColumnsOf('m')}, w.added_at AS added_at FROM watchlist w JOIN movies m ON m.id = w.movie_id
                  WHERE w.user_id = ? ORDER BY w.added_at DESC, w.rowid DESC LIMIT ? OFFSET ?`,
            args: [userId, limit, offset],
          },
          { sql: 'SELECT count(*) AS n FROM watchlist WHERE user_id = ?', args: [userId] },
        ],
        'read',
      );
      const results = rows!.rows.map((row) => ({ movie: withoutSummary(toMovie(row)), added_at: column<string>(row, 'added_at') }));
      return { results, count: column<number>(total!.rows[0]!, 'n') };
    },
  };
}

export type WatchlistRepository = ReturnType<typeof createWatchlistRepository>;
